package com.furnishcare.intake.alert;

import static com.furnishcare.intake.support.Await.await;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.load.DialogBookLoader;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.store.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** What the alert tests share: a settable clock, the shipped dialogs and wording, tickets committed for real. */
final class AlertTestParts {

  private AlertTestParts() {}

  /** A clock the test moves by hand. */
  static final class SetClock extends Clock {
    private volatile Instant now;

    SetClock(Instant start) {
      this.now = start;
    }

    void set(Instant at) {
      now = at;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static DialogBook dialogs() {
    try {
      return DialogBookLoader.load(Path.of("dialogs"), Path.of("config/grading.yaml"), AlertsFileTest.DEALERS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The shipped wording with an HQ robot and one for dealer D0571. */
  static AlertBook book(String hqKey, String dealerKey) {
    try {
      java.nio.file.Path dir = com.furnishcare.intake.support.TempDirs.create("alerts");
      java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("alerts.yaml"),
          AlertsFileTest.shippedWith(AlertsFileTest.robots(hqKey, dealerKey)));
      return AlertsFile.load(file, true, AlertsFileTest.DEALERS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Ticket ticket(String id, int level, TicketStatus status, Instant createdAt, Instant firstDue, Instant resolutionDue) {
    return new Ticket(id, status, level, "leak_or_safety", "王芳", "13800138000", "DD2026110301",
        "杭州市西湖区文三路100号", "柜子渗水", "repair", List.of(), ChannelName.WEBCHAT, "c-" + id, createdAt, firstDue,
        resolutionDue, "", true, "", List.of(), new Route("D0571", "杭州西湖体验店", "华东"), "");
  }

  /** Files the tickets as a turn does (with their outbox entries), so the stores hold them as in production. */
  static void file(Stores stores, Ticket... tickets) {
    ConversationKey key = new ConversationKey(ChannelName.WEBCHAT, "c-" + tickets[0].id());
    String messageKey = "m-" + tickets[0].id();
    await(stores.sessions().claim(messageKey, key));
    await(stores.sessions().commitTurn(key, new Session(Map.of(), tickets[0].createdAt()), Duration.ofHours(1),
        messageKey, RecordedReply.nothing(), List.of(tickets), List.of()));
  }
}
