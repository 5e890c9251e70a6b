package com.furnishcare.intake.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Everything the gateway reads from outside, fuzzed (README "Fuzzing"). In process: WeChat's XML, safe mode's
 * AES envelope, the dialog engine with its NLU and FAQ look-ups over random conversations, the survey answer
 * reader and NLU on their own. Over HTTP, against one gateway started for the class: the chat API, the survey
 * page, the survey dispatch, the SMS reply callback and the WeChat callback, every answer below 500.
 *
 * <p>One fuzz test for all of them: Jazzer fuzzes one test per JVM, and each JVM pays for the agent's scan of
 * the class path, which costs more than the fuzzing the build can afford. {@link Targets} picks the target per
 * input; {@code -Dfuzz.target=http|xml|crypto|dialog|survey-text} pins one for a long campaign.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the seeds and past findings in
 * {@code src/test/resources/com/furnishcare/intake/fuzz/GatewayFuzzTestInputs/}; {@code mvn verify} fuzzes it
 * for {@code fuzz.seconds} (pom, surefire execution {@code fuzz}).
 */
class GatewayFuzzTest {

  static {
    Targets.warmUp();
  }

  @BeforeAll
  static void start() throws Exception {
    HttpTarget.start();
  }

  @AfterAll
  static void stop() throws IOException {
    HttpTarget.stop();
  }

  @FuzzTest(maxDuration = "10m")
  void untrustedInput(FuzzedDataProvider data) {
    HttpTarget.allowLoopbackConnections();
    Hang.guard(() -> Targets.run(data));
  }
}
