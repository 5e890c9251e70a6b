package com.furnishcare.intake.dialog.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.dialog.model.DialogBook;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped flows load; broken ones are refused with file, line and reason. */
class DialogBookLoaderTest {

  private static Map<String, String> shipped() throws Exception {
    Map<String, String> files = new HashMap<>();
    try (Stream<Path> list = Files.list(Path.of("dialogs"))) {
      for (Path p : list.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static String grading() throws Exception {
    return Files.readString(Path.of("config/grading.yaml"), StandardCharsets.UTF_8);
  }

  private static String refusal(Map<String, String> files) throws Exception {
    String grading = grading();
    return assertThrows(DialogDataException.class, () -> DialogBookLoader.parse(files, "grading.yaml", grading))
        .getMessage();
  }

  @Test
  void shippedDialogsLoad() throws Exception {
    DialogBook book = DialogBookLoader.parse(shipped(), "grading.yaml", grading());
    for (com.furnishcare.intake.dialog.nlu.Intent intent : DialogBookLoader.REQUIRED_INTENTS) {
      assertTrue(book.startedBy(intent).isPresent(), intent.name());
    }
    assertEquals(12, book.vocabulary().categories().size());
  }

  @Test
  void unknownStepTargetNamesFileAndLine() throws Exception {
    Map<String, String> files = shipped();
    files.put("help.yaml", "id: help\ntrigger:\n  intents: [help]\nsteps:\n  - id: a\n    type: say\n    text: hi\n    next: nowhere\n");
    assertEquals("help.yaml:5: step 'a' goes to unknown step 'nowhere'", refusal(files));
  }

  @Test
  void resumingAFlowThatDoesNotExistIsRefused() throws Exception {
    Map<String, String> files = shipped();
    files.put("resume.yaml", files.get("resume.yaml").replace("afterPauseOf: [complaint-intake]",
        "afterPauseOf: [complaint-intak]"));
    String refusal = refusal(files);
    assertTrue(refusal.startsWith("resume.yaml:1: trigger.afterPauseOf names 'complaint-intak', which is no flow"),
        refusal);
  }

  @Test
  void aHandoffFlowThatDoesNotStartWithAHandoffIsRefusedAtLoad() throws Exception {
    Map<String, String> files = shipped();
    files.put("human-handoff.yaml", "id: human-handoff\ntrigger:\n  intents: [human, escalate]\nsteps:\n"
        + "  - id: hello\n    type: say\n    text: 稍等\n    next: end\n");
    assertTrue(refusal(files).startsWith("human-handoff.yaml:1: 'human-handoff' is started for a person, so its first"
        + " step must be of type 'handoff'"), refusal(files));
  }

  @Test
  void everySlotNamesItsLabelForTheHomeowner() throws Exception {
    Map<String, String> files = shipped();
    files.put("complaint-intake.yaml", files.get("complaint-intake.yaml").replace("    label: 诉求\n", ""));
    String refusal = refusal(files);
    assertTrue(refusal.startsWith("complaint-intake.yaml:") && refusal.contains("label"), refusal);
  }

  @Test
  void everyMessageTheEngineSaysMustBeInMessagesYaml() throws Exception {
    Map<String, String> files = shipped();
    files.put("messages.yaml", files.get("messages.yaml").replaceAll("(?m)^photoAttached:.*\n", ""));
    assertTrue(refusal(files).contains("photoAttached"), refusal(files));
    files = shipped();
    files.put("messages.yaml", files.get("messages.yaml") + "photoAtached: 拼错了\n");
    assertTrue(refusal(files).contains("unknown message 'photoAtached'"), refusal(files));
  }

  @Test
  void messagesWrittenBeforeAnOptionalKeyExistedStillLoad() throws Exception {
    Map<String, String> files = shipped();
    assertTrue(DialogBookLoader.parse(files, "grading.yaml", grading()).optionalMessage("transcriptAnswer")
        .orElseThrow().contains("{question}"));
    files.put("messages.yaml", files.get("messages.yaml").replaceAll("(?m)^transcriptAnswer:.*\n", ""));
    assertTrue(DialogBookLoader.parse(files, "grading.yaml", grading()).optionalMessage("transcriptAnswer")
        .isEmpty());
  }

  @Test
  void unknownStepTypeIsRefused() throws Exception {
    Map<String, String> files = shipped();
    files.put("help.yaml", "id: help\nsteps:\n  - id: a\n    type: dance\n");
    assertTrue(refusal(files).startsWith("help.yaml:4: unknown step type 'dance'; known: [collect, confirm"), refusal(files));
  }

  @Test
  void unreachableStepIsRefused() throws Exception {
    Map<String, String> files = shipped();
    files.put("help.yaml", "id: help\nsteps:\n  - id: a\n    type: say\n    text: hi\n    next: end\n"
        + "  - id: lonely\n    type: say\n    text: nobody comes here\n    next: end\n");
    assertEquals("help.yaml:7: step 'lonely' can never be reached", refusal(files));
  }

  @Test
  void collectingAnUndeclaredSlotIsRefused() throws Exception {
    Map<String, String> files = shipped();
    files.put("help.yaml", "id: help\nsteps:\n  - id: a\n    type: collect\n    slots: [shoeSize]\n    next: end\n");
    assertEquals("help.yaml:5: slot 'shoeSize' is not declared under 'slots'", refusal(files));
  }

  @Test
  void slotWithoutPromptIsRefused() throws Exception {
    Map<String, String> files = shipped();
    String intake = files.get("complaint-intake.yaml").replace("    prompt: 请留一个方便联系的手机号。\n", "");
    files.put("complaint-intake.yaml", intake);
    String message = refusal(files);
    assertTrue(message.matches("complaint-intake\\.yaml:\\d+: missing 'prompt'"), message);
  }

  @Test
  void brokenYamlReportsItsLine() throws Exception {
    Map<String, String> files = shipped();
    files.put("help.yaml", "id: help\nsteps:\n  - id: a\n    type: say\n   text: [unclosed\n");
    String message = refusal(files);
    assertTrue(message.startsWith("help.yaml:") && message.contains("not valid YAML"), message);
  }

  @Test
  void aBookWithoutAFlowForAPersonIsRefused() throws Exception {
    // Issue 12: flows are found by their triggers, not by id; the engine still needs one to hand over to.
    Map<String, String> files = shipped();
    files.remove("human-handoff.yaml");
    files.put("main-menu.yaml", files.get("main-menu.yaml").replace("flow: human-handoff", "flow: complaint-intake")
        .replace("HUMAN: human-handoff", "HUMAN: complaint-intake"));
    assertEquals("dialogs:1: no flow's trigger names the intent 'human'; the engine needs one to fall back on",
        refusal(files));
  }

  @Test
  void duplicateFlowIdIsRefused() throws Exception {
    Map<String, String> files = shipped();
    files.put("help-copy.yaml", files.get("help.yaml"));
    String message = refusal(files);
    assertTrue(message.contains("flow id 'help' is already used"), message);
  }

  @Test
  void badGradingLevelIsRefused() throws Exception {
    String grading = grading().replace("leak_or_safety: 3", "leak_or_safety: 4");
    Map<String, String> files = shipped();
    String message = assertThrows(DialogDataException.class,
        () -> DialogBookLoader.parse(files, "grading.yaml", grading)).getMessage();
    assertTrue(message.matches("grading\\.yaml:\\d+: level must be 1, 2 or 3, got '4'"), message);
  }

  @Test
  void dealerFileRulesAndErrors() throws Exception {
    var dealers = DealerDirectoryParser.parse("dealers.csv", "# comment\nDD2026110301,D1,一号店,华东\nDD*,D2,二号店,华南\n");
    assertEquals("D1", dealers.route("DD2026110301").dealer());
    assertEquals("D2", dealers.route("DD2026110399").dealer());
    assertEquals("HQ", dealers.route("SO123").dealer());
    DialogDataException e = assertThrows(DialogDataException.class,
        () -> DealerDirectoryParser.parse("dealers.csv", "DD*,D2,二号店,华南\nbroken line\n"));
    assertEquals("dealers.csv:2: expected order,dealer,dealerName,region", e.getMessage());
  }

  @Test
  void badOrderPatternIsRefused() throws Exception {
    Map<String, String> files = shipped();
    files.put("complaint-intake.yaml", files.get("complaint-intake.yaml").replace("[A-Za-z]{2}\\\\d{8,12}", "[A-Z"));
    String message = refusal(files);
    assertTrue(message.contains("not a valid regular expression"), message);
  }

  @Test
  void aCorrectStepAnywhereButFirstIsRefusedWithItsLine() throws Exception {
    // It reads the message that started its flow, which only a first step sees.
    Map<String, String> files = shipped();
    files.put("correct-slot.yaml", "id: correct-slot\ntrigger:\n  intents: [correct]\nsteps:\n"
        + "  - id: hello\n    type: say\n    text: 好的\n    next: fix\n"
        + "  - id: fix\n    type: correct\n    changed: 已改\n    ask: 请重新提供\n");
    assertEquals("correct-slot.yaml:9: a 'correct' step must be the first step of its flow", refusal(files));
  }

  @Test
  void oneKindOfFactHasOneSlotNameInEveryFlow() throws Exception {
    // The engine files a message's phone in "the slot of type mobile": two names for it could not both be meant.
    Map<String, String> files = shipped();
    files.put("progress-query.yaml", files.get("progress-query.yaml").replace("  phone:\n", "  mobile:\n")
        .replace("slots: [orderNo, phone]", "slots: [orderNo, mobile]"));
    String refusal = refusal(files);
    assertTrue(refusal.contains("does not match another flow's slot") && refusal.contains("mobile"), refusal);
  }

  @Test
  void aMenuOptionForAFlowThatDoesNotExistIsRefused() throws Exception {
    Map<String, String> files = shipped();
    files.put("main-menu.yaml", files.get("main-menu.yaml").replace("flow: ask-question", "flow: ask-questions"));
    assertTrue(refusal(files).startsWith("main-menu.yaml:1: the menu starts flow 'ask-questions', which does not exist"),
        refusal(files));
  }
}
