package com.furnishcare.intake.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.function.Executable;

/**
 * A hang is a finding. While fuzzing, libFuzzer's own {@code -timeout} (set by the build's fuzz execution)
 * stops an input that runs too long and keeps it; replaying seeds without {@code JAZZER_FUZZ}, this bound does.
 */
final class Hang {

  static final Duration LIMIT = Duration.ofSeconds(20);
  private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty()
      || !System.getProperty("JAZZER_FUZZ", "").isEmpty();

  private Hang() {}

  static void guard(Executable input) {
    if (FUZZING) {
      try {
        input.execute();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      return;
    }
    assertTimeoutPreemptively(LIMIT, input, "the input took longer than " + LIMIT.toSeconds() + " s: a hang");
  }
}
