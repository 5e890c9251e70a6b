package com.furnishcare.intake.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A real Request Tracker (Debian's request-tracker5 + rt5-db-sqlite + rt5-standalone) on 127.0.0.1 and
 * a free port, with a fresh SQLite database of its own made by rt-setup-database (login root/password).
 * Its configuration replaces the system's entirely (RT_SITE_CONFIG and an empty RT_SITE_CONFIG_DIR),
 * so the machine's own RT is never touched. Can be stopped and started again on the same database.
 */
public final class RequestTracker implements AutoCloseable {

  static final Path SERVER = Path.of("/usr/share/request-tracker5/libexec/rt-server");
  static final Path SETUP = Path.of("/usr/sbin/rt-setup-database-5");

  private final Path dir;
  private final int port;
  private Process process;

  private RequestTracker(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static boolean installed() {
    return Files.isExecutable(SERVER) && Files.isExecutable(SETUP);
  }

  public static RequestTracker start() throws Exception {
    Path dir = TempDirs.create("rt-test");
    Files.createDirectories(dir.resolve("site.d"));
    int port = RedisServer.freePort();
    Files.writeString(dir.resolve("RT_SiteConfig.pm"), String.join("\n",
        "Set($DatabaseType, 'SQLite');",
        "Set($DatabaseName, '" + dir.resolve("rtdb") + "');",
        "Set($WebPort, " + port + ");",
        "Set($LogToSTDERR, 'error');",
        // No mail server here: RT's notification scrips write their mail to a file instead of exec'ing sendmail.
        "Set($MailCommand, 'testfile');",
        "1;", ""), StandardCharsets.UTF_8);
    RequestTracker rt = new RequestTracker(dir, port);
    rt.initDatabase();
    rt.startAgain();
    return rt;
  }

  private void environment(ProcessBuilder builder) {
    builder.environment().put("RT_SITE_CONFIG", dir.resolve("RT_SiteConfig.pm").toString());
    builder.environment().put("RT_SITE_CONFIG_DIR", dir.resolve("site.d").toString());
  }

  private void initDatabase() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(SETUP.toString(), "--action", "init", "--skip-create")
        .directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("setup.log").toFile()));
    environment(builder);
    Process setup = builder.start();
    if (!setup.waitFor(120, TimeUnit.SECONDS) || setup.exitValue() != 0) {
      throw new IOException("rt-setup-database failed: " + Files.readString(dir.resolve("setup.log")));
    }
  }

  /** Starts the server (again) on the same database and port and waits until REST 2.0 answers. */
  public void startAgain() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(SERVER.toString(), "--port", Integer.toString(port))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
    environment(builder);
    process = builder.start();
    HttpClient client = HttpClient.newHttpClient();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IOException("rt-server exited: " + Files.readString(dir.resolve("server.log")));
      }
      try {
        HttpResponse<String> r = client.send(request("/REST/2.0/rt").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IOException("rt-server did not answer on port " + port);
  }

  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** A REST 2.0 GET as root, answered as text. */
  public String get(String pathAndQuery) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(request(pathAndQuery).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /**
   * Creates a ticket in the General queue and searches for it, so RT's first ticket after its start (its
   * workers loading and compiling on first use, seconds on a busy machine) is not one a test measures.
   */
  public void warmUp() throws Exception {
    String body = new io.vertx.core.json.JsonObject().put("Queue", "General").put("Subject", "[warm-up]")
        .put("Content", "warm-up").put("ContentType", "text/plain").encode();
    HttpResponse<String> r = HttpClient.newHttpClient().send(request("/REST/2.0/ticket")
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IOException("warm-up ticket answered " + r.statusCode() + ": " + r.body());
    }
    rtIdOf("warm-up").orElseThrow(() -> new IOException("the warm-up ticket is not found"));
  }

  /** The RT ticket with this gateway ticket id in its subject, once there (empty while it is not). */
  public java.util.Optional<String> rtIdOf(String gatewayTicketId) throws Exception {
    String query = java.net.URLEncoder.encode("Subject LIKE '[" + gatewayTicketId + "]'", StandardCharsets.UTF_8);
    io.vertx.core.json.JsonArray items = new io.vertx.core.json.JsonObject(get("/REST/2.0/tickets?query=" + query))
        .getJsonArray("items");
    return items.isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of(items.getJsonObject(0).getString("id"));
  }

  /** Every plain-text part of an RT ticket, joined: what the people working on it read. */
  public String plainText(String rtId) throws Exception {
    StringBuilder text = new StringBuilder();
    io.vertx.core.json.JsonArray items = new io.vertx.core.json.JsonObject(
        get("/REST/2.0/ticket/" + rtId + "/attachments?per_page=100")).getJsonArray("items");
    for (Object item : items) {
      io.vertx.core.json.JsonObject part = new io.vertx.core.json.JsonObject(
          get("/REST/2.0/attachment/" + ((io.vertx.core.json.JsonObject) item).getString("id")));
      if (String.valueOf(part.getString("ContentType")).startsWith("text/plain")) {
        text.append(new String(Base64.getMimeDecoder().decode(part.getString("Content", "")), StandardCharsets.UTF_8));
      }
    }
    return text.toString();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("root:password".getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
