package com.furnishcare.intake.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A console login as a browser makes it: the form post to {@code /agent/login}, the session cookie, the
 * CSRF token from {@code /api/agent/me} sent with every change. Runs on the test thread (blocking HTTP).
 */
public final class AgentClient {

  /** One account of a test's agents file. */
  public record Account(String username, String displayName, String role, String dealer, String password) {}

  public record Answer(int status, JsonObject body) {}

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private String cookie = "";
  private String csrf = "";

  private AgentClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Writes an agents file with argon2id hashes of the accounts' passwords. */
  public static Path agentsFile(Path dir, List<Account> accounts) throws IOException {
    StringBuilder yaml = new StringBuilder();
    for (Account a : accounts) {
      String hash = com.password4j.Password.hash(a.password()).addRandomSalt(16)
          .with(com.password4j.Argon2Function.getInstance(19_456, 2, 1, 32, com.password4j.types.Argon2.ID, 19))
          .getResult();
      yaml.append("- username: ").append(a.username()).append('\n')
          .append("  displayName: ").append(a.displayName()).append('\n')
          .append("  role: ").append(a.role()).append('\n');
      if (a.dealer() != null) {
        yaml.append("  dealer: ").append(a.dealer()).append('\n');
      }
      yaml.append("  passwordHash: \"").append(hash).append("\"\n");
    }
    Path file = dir.resolve("agents.yaml");
    Files.writeString(file, yaml.toString());
    return file;
  }

  /** Signs in; fails the test when the login is refused. */
  public static AgentClient login(int port, String username, String password) {
    AgentClient client = new AgentClient(port);
    int status = client.tryLogin(username, password);
    if (client.cookie.isEmpty()) {
      throw new AssertionError("login of " + username + " refused: HTTP " + status);
    }
    JsonObject me = client.get("/api/agent/me").body();
    client.csrf = me.getString("csrf");
    return client;
  }

  /** The login form's post; the HTTP status (303 on success). */
  public int tryLogin(String username, String password) {
    String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/agent/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    Optional<String> set = response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("agent_session=") && !c.startsWith("agent_session=;")).findFirst();
    set.ifPresent(c -> cookie = c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
    return response.statusCode();
  }

  public String cookie() {
    return cookie;
  }

  public Answer get(String path) {
    return answer(send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).GET()));
  }

  public Answer post(String path, JsonObject body) {
    return answer(send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
        .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()))));
  }

  /** A change sent without the CSRF token, as a forged cross-site form would. */
  public Answer postWithoutCsrf(String path, JsonObject body) {
    return answer(send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()))));
  }

  public static String path(String conversation, String action) {
    String id = URLEncoder.encode(conversation, StandardCharsets.UTF_8);
    return "/api/agent/conversations/" + id + (action.isEmpty() ? "" : "/" + action);
  }

  private static Answer answer(HttpResponse<String> response) {
    String raw = response.body();
    JsonObject body = raw == null || raw.isBlank() || !raw.strip().startsWith("{") ? new JsonObject() : new JsonObject(raw);
    return new Answer(response.statusCode(), body);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
