package com.furnishcare.intake.ticket;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Request Tracker's REST 2.0 endpoint with its credentials: a token, or user and password. */
final class RtClient {

  private final WebClient http;
  private final String base;
  private final String authorization;

  RtClient(Vertx vertx, String url, Optional<String> token, Optional<String> user, Optional<String> password) {
    this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000).setIdleTimeout(30));
    this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/REST/2.0";
    this.authorization = token.map(t -> "token " + t).orElseGet(() -> "Basic " + Base64.getEncoder()
        .encodeToString((user.orElse("") + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
  }

  /** An authenticated request to {@code path} under /REST/2.0, with a timeout. */
  HttpRequest<Buffer> request(HttpMethod method, String path, long timeoutMs) {
    return http.requestAbs(method, base + path).timeout(timeoutMs).putHeader("Authorization", authorization);
  }
}
