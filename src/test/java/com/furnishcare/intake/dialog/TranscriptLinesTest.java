package com.furnishcare.intake.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The transcript kept without splitting it every turn reads and writes exactly what the list of lines did. */
class TranscriptLinesTest {

  @Test
  void anEmptyTranscriptStaysOutOfTheSession() {
    TranscriptLines none = new TranscriptLines();
    assertTrue(none.isEmpty());
    none.add("用户: 你好");
    assertFalse(none.isEmpty());
    assertEquals("用户: 你好", none.last(40));
  }

  /** Against the former way (split, add, keep the last lines, join) for random transcripts and limits. */
  @Test
  void keepsTheLastLinesExactlyAsSplittingAndJoiningDid() {
    Random random = new Random(20261203);
    for (int round = 0; round < 5_000; round++) {
      List<String> before = lines(random, random.nextInt(50));
      List<String> added = lines(random, random.nextInt(6));
      int limit = 1 + random.nextInt(45);
      String stored = before.isEmpty() ? null : String.join("\n", before);

      TranscriptLines transcript = new TranscriptLines(stored);
      added.forEach(transcript::add);

      List<String> all = new ArrayList<>(before);
      all.addAll(added);
      assertEquals(all, transcript.lines());
      assertEquals(String.join("\n", all.subList(Math.max(0, all.size() - limit), all.size())),
          transcript.last(limit), "stored " + before.size() + " + " + added.size() + " lines, limit " + limit);
    }
  }

  private static List<String> lines(Random random, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add((random.nextBoolean() ? "用户: " : "客服机器人: ") + "第" + random.nextInt(1000) + "句 "
          + "柜门".repeat(random.nextInt(4)));
    }
    return lines;
  }
}
