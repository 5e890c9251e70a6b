package com.furnishcare.intake.survey.dispatch;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.CommitOutcome;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.ForwardingSessionStore;
import com.furnishcare.intake.core.PersonalData;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyStore;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.core.TurnTranscript;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The return visit (回访) after a complaint: a turn that closes a ticket also accepts a {@code return-visit}
 * survey job for it, event id {@code return-visit:<ticketId>}, so it is sent once however often the closure
 * is reported. Every ticket change is committed by a conversation turn ({@link #commitTurn}), whichever way
 * it came (the RT poller, the admin status API, the agents' console, the homeowner confirming "已解决" in the
 * chat or by SMS), so this one place sees them all.
 *
 * <p>Closed, not resolved: while a ticket is resolved it asks the homeowner "问题解决了吗？" (by SMS with a
 * 1/2 reply), and a survey asking for a digit at the same time would take that answer; a ticket is closed
 * only once the homeowner confirmed it (or the staff closed it), which is when the visit asks how it went.
 *
 * <p>The job is accepted after the turn is committed: a store failure then loses the visit (logged) rather
 * than surveying about a closure that was never recorded.
 */
public final class ReturnVisits extends ForwardingSessionStore {

  public static final String SURVEY = "return-visit";
  private static final Logger LOG = LoggerFactory.getLogger(ReturnVisits.class);
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

  private final SurveyStore surveys;
  private final Clock clock;

  public ReturnVisits(SessionStore sessions, SurveyStore surveys, Clock clock) {
    super(sessions);
    this.surveys = surveys;
    this.clock = clock;
  }

  public static String eventId(String ticketId) {
    return SURVEY + ":" + ticketId;
  }

  /** The visit for a closed ticket; empty when nobody could be asked (no mobile number, no WeChat user). */
  static Optional<SurveyJob> job(Ticket ticket, Instant now) {
    Optional<String> phone = Optional.ofNullable(ticket.phone()).map(String::strip).filter(p -> MOBILE.matcher(p).matches());
    Optional<String> openId = ticket.channel() == ChannelName.WECHAT
        ? Optional.ofNullable(ticket.userId()).filter(u -> !u.isBlank())
        : Optional.empty();
    if (phone.isEmpty() && openId.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SurveyJob(eventId(ticket.id()), SURVEY, Optional.ofNullable(ticket.orderNo()).orElse(""),
        phone, openId, Optional.ofNullable(ticket.customerName()).filter(n -> !n.isBlank()),
        Optional.of(ticket.route().dealer()).filter(d -> !d.isBlank()), Optional.empty(), now, now, now));
  }

  @Override
  public Future<CommitOutcome> commitTurn(ConversationKey key, String expectedVersion, Session session,
      Duration idle, String messageKey, RecordedReply reply, List<Ticket> newTickets, List<Ticket> changedTickets,
      Optional<TurnTranscript> transcript) {
    return inner.commitTurn(key, expectedVersion, session, idle, messageKey, reply, newTickets, changedTickets,
        transcript)
        .compose(outcome -> outcome instanceof CommitOutcome.Committed
            // A refused commit wrote nothing: the attempt that is committed queues the visit.
            ? Future.join(changedTickets.stream().filter(t -> t.status() == TicketStatus.CLOSED)
                .map(this::visit).toList()).map(outcome)
            : Future.succeededFuture(outcome));
  }

  /** Never fails: the turn is committed already; a visit that could not be queued is logged. */
  private Future<Void> visit(Ticket closed) {
    Optional<SurveyJob> job = job(closed, clock.instant());
    if (job.isEmpty()) {
      LOG.info("ticket {} closed: no mobile number or WeChat user to visit", closed.id());
      return Future.succeededFuture();
    }
    return surveys.accept(job.get())
        .map(isNew -> {
          if (isNew) {
            LOG.info("ticket {} closed: return visit queued", closed.id());
          }
          return (Void) null;
        })
        .recover(err -> {
          LOG.warn("ticket {} closed but its return visit could not be queued: {}", closed.id(),
              PersonalData.mask(err.toString()));
          return Future.succeededFuture();
        });
  }
}
