package com.furnishcare.intake.ticket;

import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketSink;
import com.furnishcare.intake.store.StoredForms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each ticket as JSON to {@code TICKET_WEBHOOK_URL}, again whenever the customer changes it
 * (re-opened, closed). {@code Idempotency-Key} is {@code <ticket id>@<status>-<level>}, so a receiver can
 * drop the repeats that retries cause and still see each change; {@code X-Intake-Signature: sha256=<hex>}
 * is an HMAC-SHA256 of the exact body with {@code TICKET_WEBHOOK_SECRET}. Any non-2xx answer is a failure.
 */
public final class WebhookSink implements TicketSink {

  public static final String SIGNATURE_HEADER = "X-Intake-Signature";

  private final WebClient http;
  private final String url;
  private final byte[] secret;

  public WebhookSink(Vertx vertx, String url, String secret) {
    this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000).setIdleTimeout(30));
    this.url = url;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Future<String> deliver(Ticket ticket) {
    Buffer body = Buffer.buffer(StoredForms.ticket(ticket));
    return http.requestAbs(HttpMethod.POST, url)
        .timeout(10_000)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Idempotency-Key", ticket.id() + "@" + ticket.status().wireName() + "-" + ticket.level())
        .putHeader(SIGNATURE_HEADER, "sha256=" + sign(secret, body.getBytes()))
        .sendBuffer(body)
        .expecting(StatusExpectation.success())
        .map(HttpResponse::statusCode)
        .map(status -> ticket.id());
  }

  /** Hex HMAC-SHA256; public so receivers (and tests) compute it the same way. */
  public static String sign(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String name() {
    return "webhook";
  }

}
