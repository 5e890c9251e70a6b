package com.furnishcare.intake.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.furnishcare.intake.dialog.load.VocabularyLoader;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.nlu.Understander;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the fuzzers found, as plain tests (the crashing inputs themselves are also kept as seeds under
 * {@code src/test/resources/com/furnishcare/intake/fuzz/*Inputs/}).
 */
class FuzzFindingsTest {

  private static final Pattern ORDER = Pattern.compile("[a-z]{2}\\d{8,12}", Pattern.CASE_INSENSITIVE);

  private static Understander nlu() throws Exception {
    return new Understander(VocabularyLoader.parse("vocabulary.yaml",
        Files.readString(Path.of("dialogs/vocabulary.yaml"), StandardCharsets.UTF_8)));
  }

  /** "N天前" with an N no calendar holds threw DateTimeException (or NumberFormatException) out of the NLU. */
  @Test
  void daysAgoBeyondAnyCalendarIsNoDate() throws Exception {
    Understander nlu = nlu();
    LocalDate today = LocalDate.of(2026, 11, 24);
    for (String text : new String[] {"86138001356276天前", "99999999999999999999天前坏的", "36501天前"}) {
      var read = nlu.understand(text, new Understander.Context(today, ORDER, Optional.of(SlotType.DATE)));
      assertFalse(read.slots().containsKey(SlotType.DATE), text + " read as " + read.slots());
    }
    var read = nlu.understand("3天前柜门掉了", new Understander.Context(today, ORDER, Optional.of(SlotType.DATE)));
    assertEquals("2026-11-21", read.slots().get(SlotType.DATE));
  }
}
