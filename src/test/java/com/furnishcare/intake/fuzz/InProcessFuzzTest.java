package com.furnishcare.intake.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The gateway's readers of untrusted input, in process (README "Fuzzing"): WeChat's XML, safe mode's AES
 * envelope, the dialog engine with its NLU and FAQ look-ups over random conversations, and the survey
 * answer reader. One fuzz test for all of them, because Jazzer fuzzes one test per JVM and each JVM costs
 * the agent's class-path scan; {@link Targets} picks the target per input ({@code -Dfuzz.target} pins one).
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seeds and past findings in
 * {@code src/test/resources/com/furnishcare/intake/fuzz/InProcessFuzzTestInputs/}; the build fuzzes it for a
 * few seconds in {@code mvn verify} (pom, execution {@code fuzz}).
 */
class InProcessFuzzTest {

  static {
    Targets.warmUp();
  }

  @FuzzTest(maxDuration = "10m")
  void readersOfUntrustedInput(FuzzedDataProvider data) {
    Hang.guard(() -> Targets.run(data));
  }
}
