package com.furnishcare.intake.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The targets, by the names {@code -Dfuzz.target} takes: {@code http} (the running gateway, {@link HttpTarget})
 * and the in-process ones. The input's last byte picks HTTP or in process, the next one which in-process
 * target (Jazzer's data provider reads numbers from the end); with {@code fuzz.target} set those bytes are
 * still read but every input goes to the named target, so seeds stay valid and a long campaign can stay on
 * one target.
 */
final class Targets {

  record Target(String name, Consumer<FuzzedDataProvider> run) {}

  static final String HTTP = "http";
  static final List<Target> IN_PROCESS = List.of(
      new Target("xml", WeChatXmlTarget::run),
      new Target("crypto", WeChatCryptoTarget::run),
      new Target("dialog", DialogTarget::run),
      new Target("survey-text", SurveyTextTarget::run));

  private static final int FORCED = forced();

  private Targets() {}

  /** -1: every target; IN_PROCESS.size(): HTTP; else that in-process target. */
  private static int forced() {
    String name = System.getProperty("fuzz.target", "").strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty() || name.equals("all")) {
      return -1;
    }
    if (name.equals(HTTP)) {
      return IN_PROCESS.size();
    }
    for (int i = 0; i < IN_PROCESS.size(); i++) {
      if (IN_PROCESS.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("fuzz.target must be http, "
        + IN_PROCESS.stream().map(Target::name).toList() + " or all, not " + name);
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
    boolean overHttp = data.consumeInt(0, 1) == 1;
    if (FORCED == IN_PROCESS.size() || FORCED < 0 && overHttp) {
      HttpTarget.run(data);
      return;
    }
    int picked = data.consumeInt(0, IN_PROCESS.size() - 1);
    IN_PROCESS.get(FORCED >= 0 ? FORCED : picked).run().accept(data);
  }
}
