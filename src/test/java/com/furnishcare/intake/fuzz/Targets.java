package com.furnishcare.intake.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The in-process targets, by the names {@code -Dfuzz.target} takes. The first byte of an input picks one;
 * with {@code fuzz.target} set that byte is still read but every input goes to the named target, so seeds
 * stay valid and a long campaign can stay on one target.
 */
final class Targets {

  record Target(String name, Consumer<FuzzedDataProvider> run) {}

  static final List<Target> ALL = List.of(
      new Target("xml", WeChatXmlTarget::run),
      new Target("crypto", WeChatCryptoTarget::run),
      new Target("dialog", DialogTarget::run),
      new Target("survey-text", SurveyTextTarget::run));

  private static final int FORCED = forced();

  private Targets() {}

  private static int forced() {
    String name = System.getProperty("fuzz.target", "").strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty() || name.equals("all")) {
      return -1;
    }
    for (int i = 0; i < ALL.size(); i++) {
      if (ALL.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("fuzz.target must be one of " + ALL.stream().map(Target::name).toList()
        + " or all, not " + name);
  }

  /**
   * Loads what the targets share (dialog book, knowledge base, surveys, vocabulary) before the first input,
   * so that loading is not timed as the first input's work and reported as a slow input.
   */
  static void warmUp() {
    for (Class<?> target : List.of(WeChatXmlTarget.class, WeChatCryptoTarget.class, DialogTarget.class,
        SurveyTextTarget.class)) {
      try {
        Class.forName(target.getName(), true, target.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
    }
  }

  static void run(FuzzedDataProvider data) {
    int picked = data.consumeInt(0, ALL.size() - 1);
    ALL.get(FORCED >= 0 ? FORCED : picked).run().accept(data);
  }
}
