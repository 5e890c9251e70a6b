package com.furnishcare.intake.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TicketFiguresTest {

  /** 23:30 in Beijing on 1 March is still 28 Feb in UTC: the day is China's. */
  private static final Instant CREATED = Instant.parse("2026-03-01T15:30:00Z");

  private static Ticket ticket(int level, boolean needsAgent) {
    return new Ticket("TK1", TicketStatus.PENDING, level, "colour_difference", "王芳", "13800138000", "DD1", "", "",
        "", List.of(), ChannelName.WECHAT, "o1", CREATED, CREATED.plus(Duration.ofHours(1)),
        CREATED.plus(Duration.ofHours(24)), "", needsAgent, "", List.of(), new Route("D0571", "杭州", "华东"), "");
  }

  @Test
  void aNewTicketCountsOnceAndWaitsForItsFirstResponse() {
    ReportDelta.Contribution c = TicketFigures.of(ticket(2, false), false);
    assertEquals(new CellKey(LocalDate.of(2026, 3, 1), "t|D0571|华东|colour_difference|2|wechat"), c.cell());
    assertEquals(Map.of("n", 1L, "fw", 1L), c.counts().asMap());
  }

  @Test
  void statusTimesDecideOnTimeOrLateAndTheHandlingTime() {
    Ticket t = ticket(1, false).withStatus(TicketStatus.IN_PROGRESS, CREATED.plus(Duration.ofMinutes(50)))
        .withStatus(TicketStatus.RESOLVED, CREATED.plus(Duration.ofHours(30)));
    assertEquals(Optional.of(CREATED.plus(Duration.ofMinutes(50))), t.firstRespondedAt());
    Counters c = TicketFigures.of(t, true).counts();
    assertEquals(1, c.get(TicketFigures.FIRST_RESPONSE_ON_TIME));
    assertEquals(1, c.get(TicketFigures.RESOLVED_LATE), "due after 24 h, resolved after 30 h");
    assertEquals(30 * 60, c.get(TicketFigures.HANDLING_MINUTES));
    assertEquals(1, c.get(TicketFigures.bucket(TicketFigures.bucketOf(30 * 60))));
    assertEquals(6, TicketFigures.bucketOf(30 * 60), "(24, 36] hours");
    assertEquals(1, c.get(TicketFigures.FIRST_CONTACT_RESOLUTION));
    assertEquals(1, c.get(TicketFigures.RECOMPLAINT));
    // Closing a resolved ticket keeps the time it was resolved.
    Ticket closed = t.withStatus(TicketStatus.CLOSED, CREATED.plus(Duration.ofDays(5)));
    assertEquals(t.resolvedAt(), closed.resolvedAt());
  }

  @Test
  void aReopenedTicketIsNoFirstContactResolutionAndItsResolutionStartsAgain() {
    Ticket resolved = ticket(1, false).withStatus(TicketStatus.RESOLVED, CREATED.plus(Duration.ofHours(2)));
    Ticket reopened = resolved.reopened(2, CREATED.plus(Duration.ofHours(3)), CREATED.plus(Duration.ofHours(50)));
    Counters open = TicketFigures.of(reopened, false).counts();
    assertEquals(0, open.get(TicketFigures.RESOLVED_ON_TIME) + open.get(TicketFigures.RESOLVED_LATE));
    assertEquals(1, open.get(TicketFigures.REOPENED));
    Ticket again = reopened.withStatus(TicketStatus.RESOLVED, CREATED.plus(Duration.ofHours(40)));
    Counters done = TicketFigures.of(again, false).counts();
    assertEquals(1, done.get(TicketFigures.RESOLVED_ON_TIME), "the reopening's new deadline: 50 h");
    assertEquals(0, done.get(TicketFigures.FIRST_CONTACT_RESOLUTION));
    assertEquals(Optional.of(CREATED.plus(Duration.ofHours(2))), again.firstRespondedAt(), "the first response stays");
  }

  @Test
  void anEscalatedTicketIsNoFirstContactResolution() {
    Ticket t = ticket(3, true).fromSurvey().withStatus(TicketStatus.CLOSED, CREATED.plus(Duration.ofHours(3)));
    Counters c = TicketFigures.of(t, false).counts();
    assertEquals(1, c.get(TicketFigures.ESCALATED));
    assertEquals(0, c.get(TicketFigures.FIRST_CONTACT_RESOLUTION));
    assertEquals(1, c.get(TicketFigures.FOLLOW_UP));
    assertEquals(1, c.get(TicketFigures.FOLLOW_UP_RESOLVED));
    assertEquals(1, c.get(TicketFigures.FIRST_RESPONSE_LATE), "closed 3 h in: its first response was late");
  }

  @Test
  void aChangeMovesTheTicketBetweenCellsAndNetsOutWhatStays() {
    Ticket before = ticket(1, false);
    Ticket after = before.regraded(3, before.firstResponseDueAt(), before.resolutionDueAt());
    ReportDelta delta = TicketFigures.change(Optional.of(before), after, false);
    assertEquals(2, delta.cells().size());
    assertEquals(-1, delta.cells().get(TicketFigures.cell(before)).get(TicketFigures.CREATED));
    assertEquals(1, delta.cells().get(TicketFigures.cell(after)).get(TicketFigures.CREATED));
    assertTrue(TicketFigures.change(Optional.of(after), after, false).isEmpty(), "no change, no delta");
  }

  @Test
  void countersSurviveTheirTextForm() {
    Counters c = new Counters().add("n", 3).add("a.满意.5", 2).add("x", 1).add("x", -1);
    assertEquals(c, Counters.decode(c.encode()));
    assertEquals("a.满意.5:2,n:3", c.encode());
  }
}
