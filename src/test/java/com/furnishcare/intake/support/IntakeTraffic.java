package com.furnishcare.intake.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Homeowners filing complaints over WeChat, one plain thread each, as fast as the gateway answers: each
 * intake is the two {@link Intake#MESSAGES} with an order number of its own. Behaves as WeChat and its
 * users do: a message with no answer in 5 s or a non-2xx answer is posted again with the same MsgId (WeChat
 * tries three times), after which the user sends it again (a new MsgId); an apology ("系统繁忙") makes the
 * user send it again. Every real reply is recorded as acknowledged, for the test to check it survived.
 */
public final class IntakeTraffic {

  /** A message the gateway answered with a real reply: it promised this turn happened. */
  public record Acked(String openId, String msgId, String text, String reply) {}

  private static final AtomicLong MSG_IDS = new AtomicLong(System.currentTimeMillis() * 1000);
  private static final int WECHAT_ATTEMPTS = 3;

  private final Supplier<WeChatLine> line;
  private final String prefix;
  private final AtomicBoolean stopStarting = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();

  public final List<Acked> acked = new CopyOnWriteArrayList<>();
  /** Ticket id → order number, from the confirmations. */
  public final Map<String, String> tickets = new ConcurrentHashMap<>();
  /** First messages not answered with the summary to confirm. */
  public final List<String> oddReplies = new CopyOnWriteArrayList<>();
  /**
   * Order → the reply, for confirmations that named no ticket: the confirmation was sent again after its
   * first delivery's answer was lost (gateway killed, store gone), and the first one had filed the ticket.
   * The test checks such an order has exactly one ticket at the sink.
   */
  public final Map<String, String> unnamed = new ConcurrentHashMap<>();
  /** MsgIds answered 200 with no reply ("success": WeChat treats them as handled). */
  public final List<Acked> emptyAnswers = new CopyOnWriteArrayList<>();
  public final AtomicInteger posts = new AtomicInteger();
  public final AtomicInteger errorAnswers = new AtomicInteger();
  public final AtomicInteger timeouts = new AtomicInteger();
  public final AtomicInteger apologies = new AtomicInteger();
  public final AtomicInteger intakesDone = new AtomicInteger();
  /** Posts sent and not answered yet: turns under way as far as WeChat knows. */
  public final AtomicInteger waiting = new AtomicInteger();
  /** Status (or -1 for none) → how many answers. */
  public final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

  public IntakeTraffic(Supplier<WeChatLine> line, String prefix) {
    this.line = line;
    this.prefix = prefix;
  }

  public void start(int homeowners) {
    for (int h = 0; h < homeowners; h++) {
      int owner = h;
      Thread t = new Thread(() -> run(owner), prefix + "-homeowner-" + h);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** No homeowner starts a new intake; those under way finish theirs. */
  public void stopStarting() {
    stopStarting.set(true);
  }

  /** Waits for every homeowner to finish the intake under way; false if one is still going after {@code limit}. */
  public boolean awaitFinished(Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    for (Thread t : threads) {
      t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
      if (t.isAlive()) {
        return false;
      }
    }
    return true;
  }

  private void run(int owner) {
    String openId = "o-" + prefix + "-" + owner;
    try {
      for (int k = 0; !stopStarting.get(); k++) {
        String order = String.format("DD%06d%04d", 202600 + owner, k);
        String summary = send(openId, Intake.MESSAGES[0].replace("DD2026110301", order));
        if (!summary.contains("确认")) {
          oddReplies.add(openId + " " + order + " first: " + summary);
        }
        String confirmation = send(openId, Intake.MESSAGES[1]);
        try {
          tickets.put(Intake.ticketId(confirmation), order);
        } catch (AssertionError none) {
          unnamed.put(order, confirmation);
        }
        intakesDone.incrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends until a real reply comes; returns it. */
  private String send(String openId, String text) throws InterruptedException {
    while (true) {
      String msgId = Long.toString(MSG_IDS.incrementAndGet());
      for (int attempt = 0; attempt < WECHAT_ATTEMPTS; attempt++) {
        waiting.incrementAndGet();
        WeChatLine.Answer answer;
        try {
          answer = line.get().post(openId, msgId, text);
        } finally {
          waiting.decrementAndGet();
        }
        posts.incrementAndGet();
        statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
        if (answer.timedOut()) {
          timeouts.incrementAndGet();
          Thread.sleep(300);
          continue;
        }
        if (answer.status() != 200) {
          errorAnswers.incrementAndGet();
          Thread.sleep(300);
          continue;
        }
        String reply = answer.content();
        if (reply == null) {
          // Handled as far as WeChat knows; the reply would be pushed. The test checks it was recorded.
          emptyAnswers.add(new Acked(openId, msgId, text, ""));
          Thread.sleep(300);
          continue;
        }
        if (reply.contains("系统繁忙")) {
          apologies.incrementAndGet();
          break;
        }
        acked.add(new Acked(openId, msgId, text, reply));
        return reply;
      }
      Thread.sleep(1000); // the user sends it again
    }
  }
}
