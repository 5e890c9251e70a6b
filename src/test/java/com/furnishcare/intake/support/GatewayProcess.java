package com.furnishcare.intake.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The gateway as a separate JVM (GatewayMain), so a test can kill -9 it like an operator's crash, or
 * send it SIGTERM like a container platform. {@link #fromJar} runs the packaged jar users run.
 */
public final class GatewayProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private GatewayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static GatewayProcess start(Map<String, String> env, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return start(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "com.furnishcare.intake.GatewayMain"), env, log);
  }

  /** {@code java -jar <jar>} in {@code workDir} (where ./dialogs, ./knowledge-base and ./config are read). */
  public static GatewayProcess fromJar(Path jar, Path workDir, Map<String, String> env, Path log) throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " not found: run the packaged jar's tests with mvn verify");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return start(new ProcessBuilder(java, "-jar", jar.toAbsolutePath().toString()).directory(workDir.toFile()), env,
        log);
  }

  /**
   * As {@link #fromJar}, but the process sees only {@code env} (plus PATH, HOME, LANG and TZ), not the
   * test run's own environment: what an operator's {@code env -i ... java -jar} or a container gets, so a
   * variable set on the build machine cannot make the test pass.
   */
  public static GatewayProcess fromJarWithOnly(Path jar, Path workDir, Map<String, String> env, Path log)
      throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " not found: run the packaged jar's tests with mvn verify");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toAbsolutePath().toString()).directory(workDir.toFile());
    Map<String, String> inherited = builder.environment();
    inherited.keySet().retainAll(Set.of("PATH", "HOME", "LANG", "TZ"));
    return start(builder, env, log);
  }

  private static GatewayProcess start(ProcessBuilder builder, Map<String, String> env, Path log) throws Exception {
    int port = RedisServer.freePort();
    builder.environment().putAll(env);
    builder.environment().put("GATEWAY_HTTP_PORT", Integer.toString(port));
    builder.environment().put("GATEWAY_HTTP_HOST", "127.0.0.1");
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    GatewayProcess started = new GatewayProcess(builder.start(), port);
    try {
      started.awaitHealthy();
    } catch (IOException notHealthy) {
      started.close();
      // What the operator would read: the reason is in the gateway's own log (e.g. a class missing from the jar).
      throw new IOException(notHealthy.getMessage() + "; its log:\n" + Files.readString(log), notHealthy);
    }
    return started;
  }

  private void awaitHealthy() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    // Generous: on a 2-core machine shared with other builds a start-up has been seen to take 25 s.
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IOException("gateway process exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IOException("gateway did not become healthy on port " + port);
  }

  /**
   * The lines of a gateway log an operator's alert would fire on: errors, warnings, exceptions, stack
   * frames, and a class missing from the jar (which may surface as an Error, not an Exception).
   */
  public static List<String> troubleIn(String log) {
    return log.lines()
        .filter(l -> l.contains(" ERROR ") || l.contains(" WARN ") || l.contains("Exception") || l.startsWith("\tat ")
            || l.contains("NoClassDefFoundError") || l.contains("ClassNotFound") || l.contains("failed to start"))
        .collect(Collectors.toList());
  }

  public int port() {
    return port;
  }

  /** SIGKILL: no shutdown hook, no flush, nothing graceful. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM: the shutdown hook runs. */
  public int terminate() throws InterruptedException {
    process.destroy();
    process.waitFor(30, TimeUnit.SECONDS);
    return process.exitValue();
  }

  /** SIGTERM without waiting, for a test that times the exit itself. */
  public void signalTerm() {
    process.destroy();
  }

  /** Waits for the process to exit; empty if it is still running after {@code limit}. */
  public Optional<Integer> awaitExit(Duration limit) throws InterruptedException {
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue())
        : Optional.empty();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
