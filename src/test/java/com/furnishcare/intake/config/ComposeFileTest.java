package com.furnishcare.intake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment files without a Docker engine: {@code docker-compose.yml} is parsed and checked for
 * what {@code docker compose up} needs (services, images, volumes, ports, health checks, stop grace) and
 * for what the gateway understands (every variable it is given is in {@link ConfigLoader#KNOWN_KEYS}, so
 * renaming a variable in the code or in the compose file breaks the build); the {@code Dockerfile} and
 * {@code .dockerignore} are checked as text. Lives in the config package to see {@code KNOWN_KEYS}.
 */
class ComposeFileTest {

  private static final Path COMPOSE = Path.of("docker-compose.yml");
  private static final Path DOCKERFILE = Path.of("Dockerfile");
  private static final Path DOCKERIGNORE = Path.of(".dockerignore");
  private static final Path README = Path.of("README.md");
  private static final Path LOGBACK = Path.of("src/main/resources/logback.xml");

  /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:?err}} … */
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)}");
  /** A secret's value must be a reference with an empty default, never a literal. */
  private static final Pattern EMPTY_REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?-)?}");
  private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|TOKEN|PASSWORD|_KEY).*");

  private static String composeText;
  private static Map<String, Object> compose;
  private static Map<String, Object> services;
  private static String dockerfileText;
  private static List<String> runtimeStage;
  private static String readme;

  @BeforeAll
  static void read() throws IOException {
    composeText = Files.readString(COMPOSE, StandardCharsets.UTF_8);
    compose = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(composeText), "docker-compose.yml");
    services = map(compose.get("services"), "services");
    dockerfileText = Files.readString(DOCKERFILE, StandardCharsets.UTF_8);
    List<List<String>> stages = stages(instructions(dockerfileText));
    runtimeStage = stages.get(stages.size() - 1);
    readme = Files.readString(README, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- compose: services

  @Test
  void gatewayAndRedisAlwaysRunRequestTrackerOnlyUnderItsProfile() {
    Map<String, Object> gateway = service("gateway");
    Map<String, Object> redis = service("redis");
    Map<String, Object> rt = service("rt");
    assertFalse(gateway.containsKey("profiles"), "the gateway must start with a plain `docker compose up`");
    assertFalse(redis.containsKey("profiles"), "Redis must start with a plain `docker compose up`");
    assertEquals(List.of("rt"), rt.get("profiles"), "Request Tracker runs only with `--profile rt`");
    // A plain `up` would refuse to start a gateway that depends on a service whose profile is off.
    assertFalse(dependsOn(gateway).contains("rt"), "the gateway must not depend on the optional rt service");
    assertTrue(dependsOn(gateway).contains("redis"), "the gateway starts after Redis");
    Object condition = map(map(gateway.get("depends_on"), "gateway.depends_on").get("redis"), "depends_on.redis")
        .get("condition");
    assertEquals("service_healthy", condition, "the gateway waits for Redis to answer PING");
  }

  @Test
  void gatewayIsBuiltFromTheDockerfileAndNamed() {
    Map<String, Object> gateway = service("gateway");
    Object build = gateway.get("build");
    String context = build instanceof Map<?, ?> m ? String.valueOf(m.get("context")) : String.valueOf(build);
    assertTrue(context.equals(".") || context.equals("./"), "gateway.build must be the repository root (the Dockerfile's context): " + build);
    assertTrue(text(gateway.get("image")).matches("[a-z0-9./_-]+(:[A-Za-z0-9._-]+)?"), "gateway.image names the built image");
    for (String name : List.of("redis", "rt")) {
      assertTrue(text(service(name).get("image")).contains(":"), name + ".image must be set with a tag");
    }
    assertTrue(text(service("redis").get("image")).startsWith("redis:"));
    assertTrue(text(service("rt").get("image")).startsWith("netsandbox/request-tracker:"),
        "the RT image is the one the comment names");
  }

  @Test
  void redisKeepsAnAppendOnlyFile() {
    Object command = service("redis").get("command");
    String joined = command instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
        : text(command);
    assertTrue(joined.matches(".*--appendonly\\s+yes.*"), "Redis must run with --appendonly yes: " + joined);
  }

  @Test
  void servicesRestartOnTheirOwn() {
    for (String name : List.of("gateway", "redis", "rt")) {
      String policy = text(service(name).get("restart"));
      assertTrue(Set.of("always", "unless-stopped", "on-failure").contains(policy), name + ".restart: " + policy);
    }
  }

  // ---------------------------------------------------------------- compose: volumes and ports

  @Test
  void dataLivesOnDeclaredNamedVolumes() {
    Set<String> declared = new TreeSet<>(map(compose.get("volumes"), "volumes").keySet());
    Set<String> used = new TreeSet<>();
    Map<String, String> dataTargets = new LinkedHashMap<>();
    for (String name : services.keySet()) {
      for (String[] mount : mounts(service(name))) {
        String source = mount[0];
        if (!source.startsWith(".") && !source.startsWith("/") && !source.startsWith("~")) {
          assertTrue(declared.contains(source), name + " mounts volume '" + source + "' not declared under volumes:");
          used.add(source);
          dataTargets.put(name, mount[1]);
        }
      }
    }
    assertEquals(declared, used, "every declared volume is used, every used one declared");
    assertEquals(environment(service("gateway")).get("GATEWAY_DATA_DIR"), dataTargets.get("gateway"),
        "the gateway's GATEWAY_DATA_DIR is on a named volume");
    assertEquals("/data", dataTargets.get("redis"), "Redis keeps its AOF in /data, on a named volume");
    assertNotNull(dataTargets.get("rt"), "Request Tracker's database is on a named volume");
  }

  @Test
  void gatewayPortIsPublishedAndMatchesItsListenPortAndTheImage() {
    Map<String, Object> gateway = service("gateway");
    String listen = environment(gateway).get("GATEWAY_HTTP_PORT");
    assertNotNull(listen, "compose fixes the container's listen port with GATEWAY_HTTP_PORT");
    List<String> containerPorts = new ArrayList<>();
    for (Object port : list(gateway.get("ports"), "gateway.ports")) {
      String spec = port instanceof Map<?, ?> m ? String.valueOf(m.get("target")) : String.valueOf(port);
      String withoutProtocol = spec.replaceFirst("/(tcp|udp)$", "");
      containerPorts.add(withoutProtocol.substring(withoutProtocol.lastIndexOf(':') + 1));
    }
    assertTrue(containerPorts.contains(listen), "gateway.ports must publish container port " + listen + ": " + containerPorts);
    assertEquals(List.of(listen), dockerArguments("EXPOSE"), "the Dockerfile's EXPOSE matches the compose port");
    assertTrue(String.join(" ", healthcheckTest(gateway)).contains(":" + listen + "/health"),
        "the gateway's healthcheck asks its own listen port");
  }

  // ---------------------------------------------------------------- compose: health and stopping

  @Test
  void everyServiceHasAHealthcheck() {
    assertTrue(String.join(" ", healthcheckTest(service("gateway"))).matches(".*(curl|wget).*/health.*"),
        "the gateway's healthcheck asks GET /health with a tool the runtime image has");
    assertEquals(List.of("CMD", "redis-cli", "ping"), healthcheckTest(service("redis")));
    assertFalse(healthcheckTest(service("rt")).isEmpty());
  }

  @Test
  void dockerWaitsLongerThanTheGatewayDrainsRequests() {
    Duration stopGrace = composeDuration(text(service("gateway").get("stop_grace_period")));
    Duration builtInDefault = ConfigLoader.load(Map.of()).shutdownGrace();
    assertTrue(stopGrace.compareTo(builtInDefault) > 0,
        "stop_grace_period " + stopGrace + " must exceed GATEWAY_SHUTDOWN_GRACE_S's default " + builtInDefault);
    String configured = environment(service("gateway")).get("GATEWAY_SHUTDOWN_GRACE_S");
    if (configured != null) {
      Matcher reference = REFERENCE.matcher(configured);
      String value = reference.matches() ? reference.group(2).replaceFirst("^:?-", "") : configured;
      Duration grace = ConfigLoader.load(Map.of("GATEWAY_SHUTDOWN_GRACE_S", value)).shutdownGrace();
      assertTrue(stopGrace.compareTo(grace) > 0, "stop_grace_period " + stopGrace + " must exceed the compose file's "
          + "GATEWAY_SHUTDOWN_GRACE_S " + grace);
    }
  }

  // ---------------------------------------------------------------- compose: variables

  @Test
  void everyVariableGivenToTheGatewayIsOneItKnows() throws IOException {
    Set<String> known = knownToTheGateway();
    Set<String> unknown = new TreeSet<>();
    for (String key : environment(service("gateway")).keySet()) {
      if (!known.contains(key)) {
        unknown.add(key);
      }
    }
    for (String key : commentedGatewayEnvironment().keySet()) {
      if (!known.contains(key)) {
        unknown.add(key + " (commented example)");
      }
    }
    for (String instruction : runtimeStage) {
      if (instruction.startsWith("ENV ")) {
        for (String assignment : instruction.substring(4).trim().split("\\s+")) {
          String key = assignment.split("=", 2)[0];
          if (!known.contains(key)) {
            unknown.add(key + " (Dockerfile ENV)");
          }
        }
      }
    }
    assertEquals(Set.of(), unknown, "variables the gateway does not read (typo or renamed?)");
  }

  @Test
  void everyVariableGivenToTheGatewayIsValidWithItsComposeDefault() {
    // What the gateway sees when .env is empty: every ${X:-d} becomes d. It must start with that.
    Map<String, String> resolved = new LinkedHashMap<>();
    environment(service("gateway")).forEach((key, value) -> {
      Matcher reference = REFERENCE.matcher(value);
      resolved.put(key, reference.matches() ? reference.group(2).replaceFirst("^:?-", "") : value);
    });
    GatewayConfig config = ConfigLoader.load(resolved);
    assertTrue(config.usesRedis(), "compose runs the gateway on its Redis");
  }

  @Test
  void ownDialogsAndKnowledgeBaseAreMountableWithTheVariablesPointingAtThem() {
    Map<String, String> commented = commentedGatewayEnvironment();
    List<String> commentedTargets = new ArrayList<>();
    Matcher mount = Pattern.compile("(?m)^\\s*#\\s*-\\s*(\\./[^:\\s]+):(/[^:\\s]+)(:ro)?\\s*$").matcher(gatewayBlock());
    while (mount.find()) {
      commentedTargets.add(mount.group(2));
    }
    for (String key : List.of("GATEWAY_DIALOGS_DIR", "FAQ_DIR")) {
      String path = commented.get(key);
      assertNotNull(path, "a commented example sets " + key);
      assertTrue(commentedTargets.stream().anyMatch(target -> path.equals(target) || path.startsWith(target + "/")),
          key + "=" + path + " must be inside one of the commented mounts " + commentedTargets);
    }
    for (Map.Entry<String, String> entry : commented.entrySet()) {
      assertTrue(commentedTargets.stream().anyMatch(t -> entry.getValue().equals(t) || entry.getValue().startsWith(t + "/")),
          entry.getKey() + "=" + entry.getValue() + " points at no commented mount " + commentedTargets);
    }
  }

  @Test
  void secretsComeFromTheEnvironmentNeverFromTheFile() {
    for (String name : services.keySet()) {
      environment(service(name)).forEach((key, value) -> {
        if (SECRET_NAME.matcher(key).matches()) {
          assertTrue(EMPTY_REFERENCE.matcher(value).matches(),
              name + "." + key + " must be ${VAR:-} (from the environment or .env), not '" + value + "'");
        }
      });
    }
  }

  @Test
  void everyReferencedVariableIsDocumentedInTheReadme() {
    Set<String> undocumented = new TreeSet<>();
    Matcher reference = REFERENCE.matcher(composeText);
    while (reference.find()) {
      if (!readme.contains("`" + reference.group(1) + "`")) {
        undocumented.add(reference.group(1));
      }
    }
    assertEquals(Set.of(), undocumented, "variables docker-compose.yml reads that README.md does not name in `backticks`");
  }

  // ---------------------------------------------------------------- Dockerfile

  @Test
  void dockerfileBuildsWithMavenAndRunsOnTheJre() {
    List<String> from = new ArrayList<>();
    for (String instruction : instructions(dockerfileText)) {
      if (instruction.startsWith("FROM ")) {
        from.add(instruction.substring(5).trim());
      }
    }
    assertEquals(2, from.size(), "a two-stage build: " + from);
    assertTrue(from.get(0).matches("(?i)maven:3-eclipse-temurin-17\\s+AS\\s+\\S+"), "build stage: " + from.get(0));
    assertEquals("eclipse-temurin:17-jre", from.get(1), "runtime stage");
  }

  @Test
  void dockerfileBuildsWithTheReadmesCommand() {
    Matcher block = Pattern.compile("\\*\\*Run the gateway\\*\\*.*?```sh\\s*\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README's 'Run the gateway' command block");
    String readmeBuild = block.group(1).trim().split("\\s*&&\\s*")[0];
    assertTrue(readmeBuild.startsWith("mvn "), readmeBuild);
    boolean found = false;
    for (String instruction : instructions(dockerfileText)) {
      if (instruction.startsWith("RUN ") && instruction.endsWith(readmeBuild)) {
        found = true;
      }
    }
    assertTrue(found, "the Dockerfile builds the jar with the README's own command: " + readmeBuild);
  }

  @Test
  void runtimeRunsTheJarAsPidOneAsANonRootUser() {
    List<String> user = stageArguments("USER");
    assertEquals(1, user.size(), "one USER in the runtime stage: " + user);
    String name = user.get(0).split(":")[0];
    assertFalse(name.equals("root") || name.equals("0"), "the runtime user is not root: " + name);
    assertEquals(1, stageArguments("WORKDIR").size(), "the runtime stage sets WORKDIR");

    List<String> entrypoint = stageArguments("ENTRYPOINT");
    assertEquals(1, entrypoint.size());
    String form = entrypoint.get(0).trim();
    assertTrue(form.startsWith("[") && form.endsWith("]"), "exec-form ENTRYPOINT, so the JVM is PID 1 and gets SIGTERM: " + form);
    List<String> argv = new ArrayList<>();
    Matcher word = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(form);
    while (word.find()) {
      argv.add(word.group(1));
    }
    assertEquals("java", argv.get(0), "ENTRYPOINT starts java itself (no shell in between): " + argv);
    int jar = argv.indexOf("-jar");
    assertTrue(jar > 0 && jar + 1 < argv.size(), "java -jar <the gateway's jar>: " + argv);
    String jarPath = argv.get(jar + 1);
    assertTrue(stageArguments("COPY").stream()
            .anyMatch(copy -> copy.startsWith("--from=") && copy.contains("target/intake-gateway.jar") && copy.endsWith(jarPath)),
        "the runtime stage copies target/intake-gateway.jar to " + jarPath);
    assertEquals(List.of("SIGTERM"), stageArguments("STOPSIGNAL"));
  }

  @Test
  void runtimeImageChecksItsOwnHealth() {
    List<String> healthcheck = stageArguments("HEALTHCHECK");
    assertEquals(1, healthcheck.size(), "a HEALTHCHECK in the runtime stage");
    assertTrue(healthcheck.get(0).matches(".*CMD\\s+.*(curl|wget).*/health.*"), healthcheck.get(0));
  }

  @Test
  void dockerignoreKeepsSecretsAndBuildOutputOutButTheSourcesIn() throws IOException {
    List<String> patterns = Files.readAllLines(DOCKERIGNORE).stream()
        .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    for (String excluded : List.of("target/", ".env", ".git", "data/")) {
      assertTrue(patterns.contains(excluded) || patterns.contains(excluded.replace("/", "")),
          ".dockerignore must exclude " + excluded + ": " + patterns);
    }
    for (String needed : List.of("pom.xml", "src", "dialogs", "knowledge-base", "config")) {
      assertFalse(patterns.stream().anyMatch(p -> p.replaceAll("/$", "").equals(needed) || p.equals("*") || p.equals("**")),
          ".dockerignore must not exclude " + needed + " (the build needs it)");
    }
  }

  @Test
  void readmeSaysHowTheImageIsBuiltAndRun() {
    for (String phrase : List.of("docker build -t intake-gateway .", "docker compose build", "docker compose up -d",
        "--profile rt", "ComposeFileTest")) {
      assertTrue(readme.contains(phrase), "README.md mentions " + phrase);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** KNOWN_KEYS, the config file's variable, and what logback.xml reads itself (GATEWAY_LOG_LEVEL). */
  private static Set<String> knownToTheGateway() throws IOException {
    Set<String> known = new TreeSet<>(ConfigLoader.KNOWN_KEYS);
    known.add(ConfigLoader.CONFIG_FILE);
    Matcher reference = REFERENCE.matcher(Files.readString(LOGBACK, StandardCharsets.UTF_8));
    while (reference.find()) {
      known.add(reference.group(1));
    }
    return known;
  }

  private static Map<String, Object> service(String name) {
    return map(services.get(name), "services." + name);
  }

  private static Set<String> dependsOn(Map<String, Object> service) {
    Object dependsOn = service.get("depends_on");
    if (dependsOn == null) {
      return Set.of();
    }
    return dependsOn instanceof Map<?, ?> m ? new LinkedHashSet<>(map(m, "depends_on").keySet())
        : new LinkedHashSet<>(list(dependsOn, "depends_on").stream().map(String::valueOf).toList());
  }

  /** environment: as a map or as a list of KEY=VALUE; values as strings. */
  private static Map<String, String> environment(Map<String, Object> service) {
    Object environment = service.get("environment");
    Map<String, String> result = new LinkedHashMap<>();
    if (environment instanceof Map<?, ?> m) {
      m.forEach((key, value) -> result.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
    } else if (environment != null) {
      for (Object entry : list(environment, "environment")) {
        String[] parts = String.valueOf(entry).split("=", 2);
        result.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    return result;
  }

  /** The gateway service's lines in the file, comments included (YAML drops the commented examples). */
  private static String gatewayBlock() {
    Matcher block = Pattern.compile("(?ms)^  gateway:\\s*\\n(.*?)(?=^  [A-Za-z0-9_-]+:\\s*$|^\\S)").matcher(composeText);
    assertTrue(block.find(), "the gateway service's block in docker-compose.yml");
    return block.group(1);
  }

  private static Map<String, String> commentedGatewayEnvironment() {
    Map<String, String> result = new LinkedHashMap<>();
    Matcher line = Pattern.compile("(?m)^\\s*#\\s*([A-Z][A-Z0-9_]*):\\s*(\\S+)\\s*$").matcher(gatewayBlock());
    while (line.find()) {
      result.put(line.group(1), line.group(2));
    }
    return result;
  }

  /** Short and long volume syntax as [source, target]. */
  private static List<String[]> mounts(Map<String, Object> service) {
    List<String[]> result = new ArrayList<>();
    Object volumes = service.get("volumes");
    if (volumes == null) {
      return result;
    }
    for (Object volume : list(volumes, "volumes")) {
      if (volume instanceof Map<?, ?> m) {
        result.add(new String[] {String.valueOf(m.get("source")), String.valueOf(m.get("target"))});
      } else {
        String[] parts = String.valueOf(volume).split(":");
        result.add(new String[] {parts[0], parts.length > 1 ? parts[1] : parts[0]});
      }
    }
    return result;
  }

  private static List<String> healthcheckTest(Map<String, Object> service) {
    Map<String, Object> healthcheck = map(service.get("healthcheck"), "healthcheck");
    assertFalse(Boolean.TRUE.equals(healthcheck.get("disable")), "healthcheck disabled");
    Object test = healthcheck.get("test");
    List<String> argv = test instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of("CMD-SHELL", text(test));
    assertTrue(argv.size() > 1 && !argv.get(0).equals("NONE"), "a healthcheck test: " + argv);
    return argv;
  }

  /** Compose's duration format: 1m30s, 15s, 500ms, 2h … */
  static Duration composeDuration(String value) {
    Matcher part = Pattern.compile("(\\d+)(us|ms|s|m|h)").matcher(value);
    Duration total = Duration.ZERO;
    int end = 0;
    while (part.find()) {
      assertEquals(end, part.start(), "not a compose duration: " + value);
      end = part.end();
      long n = Long.parseLong(part.group(1));
      total = total.plus(switch (part.group(2)) {
        case "us" -> Duration.ofNanos(n * 1000);
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
    }
    assertTrue(end > 0 && end == value.length(), "not a compose duration: " + value);
    return total;
  }

  /** Dockerfile instructions, continuation lines joined, comments and parser directives dropped. */
  private static List<String> instructions(String dockerfile) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : dockerfile.split("\\R")) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
        continue;
      }
      boolean continues = line.endsWith("\\");
      current.append(continues ? line.substring(0, line.length() - 1).strip() : line).append(continues ? " " : "");
      if (!continues) {
        String instruction = current.toString().strip();
        int space = instruction.indexOf(' ');
        result.add(space < 0 ? instruction.toUpperCase() : instruction.substring(0, space).toUpperCase() + instruction.substring(space));
        current.setLength(0);
      }
    }
    return result;
  }

  private static List<List<String>> stages(List<String> instructions) {
    List<List<String>> stages = new ArrayList<>();
    for (String instruction : instructions) {
      if (instruction.startsWith("FROM ")) {
        stages.add(new ArrayList<>());
      }
      if (!stages.isEmpty()) {
        stages.get(stages.size() - 1).add(instruction);
      }
    }
    assertFalse(stages.isEmpty(), "the Dockerfile has a FROM");
    return stages;
  }

  private static List<String> stageArguments(String keyword) {
    return runtimeStage.stream().filter(i -> i.startsWith(keyword + " ")).map(i -> i.substring(keyword.length() + 1).strip()).toList();
  }

  private static List<String> dockerArguments(String keyword) {
    List<String> result = new ArrayList<>();
    for (String argument : stageArguments(keyword)) {
      result.addAll(List.of(argument.split("\\s+")));
    }
    return result;
  }

  private static String text(Object value) {
    assertNotNull(value);
    return String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    if (!(value instanceof Map<?, ?>)) {
      fail(what + " must be a mapping, is " + value);
    }
    return (Map<String, Object>) value;
  }

  private static List<?> list(Object value, String what) {
    if (!(value instanceof List<?> l)) {
      throw new AssertionError(what + " must be a list, is " + value);
    }
    return l;
  }
}
