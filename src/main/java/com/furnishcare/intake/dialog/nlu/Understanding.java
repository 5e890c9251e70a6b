package com.furnishcare.intake.dialog.nlu;

import com.furnishcare.intake.dialog.model.SlotType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one message says.
 *
 * @param text the folded text (simplified, half-width, lower case)
 * @param slots facts found, by their type (mobile, order number, name, address, category, free text,
 *     wants, date; a flow files each in its slot of that type); values are normalised (digits only,
 *     upper-case order numbers, category codes, ISO dates)
 * @param yesNo an answer to a yes/no question, if the message is one; never for a question ("嗯？", "是吗")
 * @param asks the message is a question: a question mark, a question word ("吗", "什么") or "X不X" ("是不是")
 * @param saysNone the user says there is nothing to give ("没有"), e.g. no photos
 * @param correctedSlot the kind of fact a correction is about ("电话写错了" → mobile)
 */
public record Understanding(
    String text,
    Set<Intent> intents,
    Map<SlotType, String> slots,
    Optional<Boolean> yesNo,
    boolean asks,
    boolean saysNone,
    Optional<SlotType> correctedSlot) {

  /** Unmodifiable, in the enums' order: one understanding may serve several turns ({@link RecentUnderstandings}). */
  public Understanding {
    intents = Collections.unmodifiableSet(intents.isEmpty() ? EnumSet.noneOf(Intent.class) : EnumSet.copyOf(intents));
    slots = Collections.unmodifiableMap(slots.isEmpty() ? new EnumMap<>(SlotType.class) : new EnumMap<>(slots));
  }

  public boolean has(Intent intent) {
    return intents.contains(intent);
  }
}
