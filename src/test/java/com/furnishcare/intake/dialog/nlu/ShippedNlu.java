package com.furnishcare.intake.dialog.nlu;

import com.furnishcare.intake.dialog.load.VocabularyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.furnishcare.intake.dialog.model.SlotType;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/** The understander on the shipped vocabulary, reading a message as the intake would on a fixed day. */
final class ShippedNlu {

  private static final Understander NLU = load();
  /** The intake's order-number pattern and the fixed day the tables are read on. */
  static final Pattern ORDER = Pattern.compile("[a-z]{2}\\d{8,12}", Pattern.CASE_INSENSITIVE);
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  private ShippedNlu() {}

  /** A new understander on the shipped vocabulary, with nothing remembered yet. */
  static Understander load() {
    try {
      return new Understander(VocabularyLoader.parse("vocabulary.yaml",
          Files.readString(Path.of("dialogs/vocabulary.yaml"), StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("the shipped vocabulary does not load", e);
    }
  }

  /** The shipped intake's slot names and their types: the tables name facts as the flows do. */
  static final java.util.Map<String, SlotType> TYPES = java.util.Map.of("phone", SlotType.MOBILE, "orderNo",
      SlotType.ORDER_NUMBER, "customerName", SlotType.NAME, "address", SlotType.ADDRESS, "category", SlotType.CATEGORY,
      "description", SlotType.TEXT, "wants", SlotType.WANTS, "occurredOn", SlotType.DATE, "photos", SlotType.PHOTOS);

  /** @param asked the slot the bot just asked for (by the shipped intake's name), if any */
  static Understanding read(String text, Optional<String> asked) {
    return NLU.understand(text, new Understander.Context(DAY, ORDER, asked.map(TYPES::get)));
  }
}
