package com.furnishcare.intake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.config.DataSource.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which dialogs, knowledge base and config files the gateway runs on: configured > working dir > built-in. */
class DataSourceResolverTest {

  @TempDir Path workingDir;
  @TempDir Path configured;
  @TempDir Path builtIn;

  private final AtomicInteger extractions = new AtomicInteger();

  private DataSourceResolver resolver() {
    return new DataSourceResolver(workingDir, () -> {
      extractions.incrementAndGet();
      return builtIn;
    });
  }

  @Test
  void aConfiguredFolderWinsOverTheWorkingDirectoryAndTheBuiltInCopy() throws Exception {
    Files.createDirectories(workingDir.resolve("dialogs"));
    DataSource source = resolver().resolve("dialogs", "GATEWAY_DIALOGS_DIR",
        java.util.Optional.of(configured.toString()), "dialogs", DataSourceResolver.Kind.DIRECTORY);
    assertEquals(Origin.CONFIGURED, source.origin());
    assertEquals(configured, source.path());
    assertEquals(0, extractions.get(), "the built-in copy is not extracted when nothing needs it");
  }

  @Test
  void theWorkingDirectoryFolderWinsOverTheBuiltInCopy() throws Exception {
    Files.createDirectories(workingDir.resolve("config"));
    Files.writeString(workingDir.resolve("config/grading.yaml"), "levels: {}\n");
    DataSource source = resolver().resolve("grading rules", "GATEWAY_GRADING_FILE", java.util.Optional.empty(),
        "config/grading.yaml", DataSourceResolver.Kind.FILE);
    assertEquals(Origin.WORKING_DIRECTORY, source.origin());
    assertEquals(workingDir.resolve("config/grading.yaml"), source.path());
    assertEquals(0, extractions.get());
  }

  @Test
  void withNeitherTheBuiltInCopyIsUsedAndTheLogLineSaysHowToChangeIt() {
    DataSource source = resolver().resolve("knowledge base", "FAQ_DIR", java.util.Optional.empty(), "knowledge-base",
        DataSourceResolver.Kind.DIRECTORY);
    assertEquals(Origin.BUILT_IN, source.origin());
    assertEquals(builtIn.resolve("knowledge-base"), source.path());
    assertEquals("knowledge base: built-in copy (set FAQ_DIR to use your own)", source.describe());
  }

  @Test
  void aConfiguredFolderThatDoesNotExistStopsStartUpNamingTheVariable() {
    for (String variable : new String[] {"GATEWAY_DIALOGS_DIR", "FAQ_DIR", "GATEWAY_GRADING_FILE",
        "GATEWAY_DEALERS_FILE"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
          Map.of(variable, workingDir.resolve("nowhere").toString()), resolver()));
      assertTrue(e.getMessage().startsWith(variable + " points to"), e.getMessage());
      assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
    ConfigException rt = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("TICKET_SINK", "rt",
        "RT_URL", "http://127.0.0.1:9", "RT_TOKEN", "t", "RT_ROUTING_FILE", "/no/such/rt-routing.yaml"), resolver()));
    assertTrue(rt.getMessage().startsWith("RT_ROUTING_FILE points to"), rt.getMessage());
  }

  @Test
  void aFileWhereAFolderBelongsIsRefusedNamingTheVariable() throws Exception {
    Path file = Files.writeString(workingDir.resolve("dialogs.yaml"), "");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("GATEWAY_DIALOGS_DIR", file.toString()), resolver()));
    assertTrue(e.getMessage().contains("GATEWAY_DIALOGS_DIR") && e.getMessage().contains("not a directory"),
        e.getMessage());
  }

  @Test
  void anEmptyWorkingDirectoryRunsEverySourceOnTheJarsBuiltInCopies() {
    GatewayConfig config = ConfigLoader.load(Map.of(), new DataSourceResolver(workingDir, BuiltInDefaults::root));
    assertEquals(4, config.dataSources().size(), config.dataSources().toString());
    config.dataSources().forEach(source -> {
      assertEquals(Origin.BUILT_IN, source.origin(), source.toString());
      assertTrue(Files.exists(source.path()), source + " was extracted");
    });
    assertTrue(Files.isDirectory(config.dialogsDir()));
    assertTrue(Files.isDirectory(config.faq().knowledgeBaseDir()));
    assertTrue(Files.isRegularFile(config.gradingFile()));
    assertTrue(Files.isRegularFile(config.dealersFile()));
  }
}
