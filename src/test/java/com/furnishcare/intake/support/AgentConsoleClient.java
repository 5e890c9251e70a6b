package com.furnishcare.intake.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A browser's side of the agent console, over plain HTTP: posts the login form, keeps the session cookie
 * the gateway set, and sends it (and the CSRF token) back. Redirects are not followed, so tests see them.
 */
public final class AgentConsoleClient {

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final int port;
  private String cookie;

  public AgentConsoleClient(int port) {
    this.port = port;
  }

  /** The agent_session cookie's value, if the last login set one. */
  public Optional<String> session() {
    return Optional.ofNullable(cookie);
  }

  public void useSession(String value) {
    cookie = value;
  }

  /** Posts the login form (with extra "Name: value" header pairs); keeps the session cookie on success. */
  public HttpResponse<String> login(String username, String password, String... headers) {
    String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpRequest.Builder request = request("/agent/login").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response = send(request.build());
    setCookie(response).ifPresent(c -> cookie = c.split(";", 2)[0].substring("agent_session=".length()));
    return response;
  }

  /** The Set-Cookie header for agent_session, whole (with its attributes). */
  public static Optional<String> setCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("agent_session=")).findFirst();
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  /** A request with the session cookie and any "Name: value" header pairs. */
  public HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
    HttpRequest.Builder request = request(path).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  /** {@code GET /api/agent/me}, which must answer 200. */
  public JsonObject me() {
    HttpResponse<String> response = get("/api/agent/me");
    if (response.statusCode() != 200) {
      throw new AssertionError("/api/agent/me answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (cookie != null) {
      builder.header("Cookie", "agent_session=" + cookie);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
