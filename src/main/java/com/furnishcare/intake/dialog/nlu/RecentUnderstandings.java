package com.furnishcare.intake.dialog.nlu;

import com.furnishcare.intake.dialog.model.SlotType;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What recent short messages were understood as, by their exact text and the context they came in. Homeowners send
 * the same short messages over and over ("1", "是的", "人工", "柜子门缝多大算正常", a menu choice's label), and
 * reading one runs every extractor over it (a sixth of a FAQ turn's CPU in a profile, a third with the garbage it
 * leaves: see the README's Benchmark); an understanding depends on nothing but the text, the context and the
 * vocabulary, so one read serves them all. The memo belongs to its understander: an edit of the vocabulary builds a
 * new understander with an empty memo, so nothing read under an old vocabulary is served.
 *
 * <p>Kept only: texts of at most {@value #MAX_CHARS} characters (longer ones rarely repeat), and understandings with
 * no personal fact in them (phone, order number, name, address): those belong to one homeowner, do not come again
 * from another, and should not linger in memory after their turn.
 */
final class RecentUnderstandings {

  static final int MAX_CHARS = 48;
  static final int MAX_ENTRIES = 4_096;
  private static final Set<SlotType> PERSONAL =
      EnumSet.of(SlotType.MOBILE, SlotType.ORDER_NUMBER, SlotType.NAME, SlotType.ADDRESS);

  /**
   * The whole input of an understanding. The order-number pattern is compared as the same object (a dialog book's
   * own, or the engine's default), which is all a pattern's equality is.
   */
  private record Key(String text, LocalDate today, Pattern orderNumber, Optional<SlotType> askedSlot) {}

  /** Maintenance runs on the calling thread: no pool of Caffeine's own. */
  private final Cache<Key, Understanding> recent =
      Caffeine.newBuilder().maximumSize(MAX_ENTRIES).executor(Runnable::run).build();

  Understanding understand(String text, Understander.Context context, Supplier<Understanding> read) {
    if (text.length() > MAX_CHARS) {
      return read.get();
    }
    Key key = new Key(text, context.today(), context.orderNumber(), context.askedSlot());
    Understanding known = recent.getIfPresent(key);
    if (known != null) {
      return known;
    }
    Understanding fresh = read.get();
    if (fresh.slots().keySet().stream().noneMatch(PERSONAL::contains)) {
      recent.put(key, fresh);
    }
    return fresh;
  }

  /** How many understandings are kept (for tests of what is kept). */
  long size() {
    recent.cleanUp();
    return recent.estimatedSize();
  }
}
