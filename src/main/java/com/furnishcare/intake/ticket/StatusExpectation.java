package com.furnishcare.intake.ticket;

import io.vertx.core.Expectation;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;

/**
 * Expects an HTTP status and, when it is not met, fails with the receiver's own words (the start of the
 * response body), so a dead letter says why — "Queue not found", not just "400".
 */
final class StatusExpectation implements Expectation<HttpResponse<Buffer>> {

  private static final int BODY_CHARS = 300;
  private final int low;
  private final int high;

  private StatusExpectation(int low, int high) {
    this.low = low;
    this.high = high;
  }

  static StatusExpectation success() {
    return new StatusExpectation(200, 299);
  }

  static StatusExpectation exactly(int status) {
    return new StatusExpectation(status, status);
  }

  @Override
  public boolean test(HttpResponse<Buffer> response) {
    return response.statusCode() >= low && response.statusCode() <= high;
  }

  @Override
  public Throwable describe(HttpResponse<Buffer> response) {
    String body = response.bodyAsString();
    body = body == null ? "" : body.strip();
    if (body.length() > BODY_CHARS) {
      body = body.substring(0, BODY_CHARS) + "…";
    }
    return new IllegalStateException("HTTP " + response.statusCode() + (body.isEmpty() ? "" : ": " + body));
  }
}
