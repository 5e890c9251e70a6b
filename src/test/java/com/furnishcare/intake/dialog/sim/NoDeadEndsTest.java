package com.furnishcare.intake.dialog.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.dialog.Chat;
import com.furnishcare.intake.dialog.model.DialogBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, point 4: no dead ends, by construction. Ten thousand conversations of arbitrary messages —
 * homeowners' answers out of turn, numbers, emoji, blanks, other questions, other languages, random
 * characters — and two rules: no conversation gets the same reply more than maxTries + 1 times in a row,
 * and every complaint that starts ends (a ticket, a person, or the homeowner cancelling) within a bounded
 * number of turns.
 */
class NoDeadEndsTest {

  static final int CONVERSATIONS = 10_000;
  /** Enough for eight slots given up after two misses each, the summary, and a hand-off. */
  static final int TURN_BOUND = 40;
  /** The intake's maxTries (2) + 1. */
  static final int MAX_REPEATS = 3;

  private static final List<String> ODD = List.of("", " ", "。", "？", "...", "👍", "😡😡😡", "🙏", "1", "2", "3", "9",
      "12", "0", "100", "13800", "123456789012345", "DD123", "hello", "I want to complain about my cabinet",
      "こんにちは", "안녕하세요", "Bonjour", "ok", "嗯", "哦", "啊？", "什么", "是", "不是", "好", "否", "确认", "对",
      "不知道", "没有", "随便", "你们几点下班", "保修多久", "怎么开发票", "你是机器人吗", "查询进度", "帮助", "算了",
      "重新开始", "投诉", "我要投诉", "谢谢", "发票", "？？？", "哈哈哈", "asdfgh", "12315", "在吗");

  @Test
  void noConversationLoopsAndEveryComplaintEnds() {
    DialogBook book = Chat.book();
    List<Persona> personas = Persona.load();
    List<String> corpus = new ArrayList<>(ODD);
    for (Persona p : personas) {
      p.answers().values().forEach(corpus::addAll);
      corpus.addAll(p.problemOpenings());
    }
    AtomicInteger started = new AtomicInteger();
    AtomicInteger ended = new AtomicInteger();
    AtomicInteger worstRun = new AtomicInteger();
    AtomicInteger longest = new AtomicInteger();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    IntStream.range(0, CONVERSATIONS).parallel().forEach(n -> {
      Random random = new Random(n);
      Chat chat = new Chat("o-random-" + n, book);
      List<String> transcript = new ArrayList<>();
      String previous = null;
      int run = 0;
      boolean intake = false;
      int intakeTurns = 0;
      for (int turn = 1; turn <= 3 * TURN_BOUND; turn++) {
        String text = turn == 1 && random.nextBoolean() ? "我要投诉" : corpus.get(random.nextInt(corpus.size()));
        if (random.nextInt(10) == 0) {
          text = randomChars(random);
        }
        String reply = String.join("\n", chat.say(text));
        transcript.add("> " + text + "\n< " + reply);
        run = reply.equals(previous) ? run + 1 : 1;
        previous = reply;
        worstRun.accumulateAndGet(run, Math::max);
        if (run > MAX_REPEATS) {
          failures.add("conversation " + n + " repeats a reply " + run + " times:\n" + tail(transcript));
          return;
        }
        Map<String, String> session = chat.session().values();
        boolean inIntake = session.getOrDefault("dlg.stack", "").contains("complaint-intake");
        if (inIntake && !intake) {
          intake = true;
          started.incrementAndGet();
        }
        // "重新开始" is the homeowner ending one attempt and starting another: the bound is per attempt.
        intakeTurns = text.equals("重新开始") ? 0 : intakeTurns + (inIntake ? 1 : 0);
        if (intakeTurns > TURN_BOUND) {
          failures.add("conversation " + n + " is still in the intake after " + TURN_BOUND + " turns:\n"
              + tail(transcript));
          return;
        }
        // A person has the conversation from here (their acknowledgement repeats by design).
        boolean handedOff = "true".equals(session.get("dlg.agent"));
        boolean done = !chat.tickets().isEmpty() || handedOff;
        if (handedOff || (intake && (done || !inIntake))) {
          ended.incrementAndGet();
          longest.accumulateAndGet(turn, Math::max);
          return;
        }
      }
      if (intake) {
        failures.add("conversation " + n + " restarted its intake again and again:\n" + tail(transcript));
      }
    });
    System.out.printf("no dead ends: %d conversations, %d intakes started, %d ended (longest %d turns);"
        + " longest run of one reply %d; failures %d%n", CONVERSATIONS, started.get(), ended.get(), longest.get(),
        worstRun.get(), failures.size());
    assertEquals(List.of(), failures.subList(0, Math.min(3, failures.size())), failures.size() + " failures");
    assertTrue(started.get() > CONVERSATIONS / 3, "the corpus starts intakes: " + started.get());
  }

  private static String randomChars(Random random) {
    StringBuilder s = new StringBuilder();
    int length = 1 + random.nextInt(30);
    for (int i = 0; i < length; i++) {
      s.append((char) (0x4e00 + random.nextInt(0x9fa5 - 0x4e00)));
    }
    return s.toString();
  }

  private static String tail(List<String> transcript) {
    return String.join("\n", transcript.subList(Math.max(0, transcript.size() - 12), transcript.size()));
  }
}
