package com.furnishcare.intake.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A page file read from the jar once at start (so serving it touches no disk), served with an ETag a
 * browser revalidates.
 */
record JarAsset(Buffer body, String contentType, String etag) {

  static JarAsset load(String resource, String contentType) {
    try (InputStream in = JarAsset.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + resource);
      }
      byte[] bytes = in.readAllBytes();
      String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8) + "\"";
      return new JarAsset(Buffer.buffer(bytes), contentType, etag);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void serve(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-cache").putHeader("ETag", etag);
    if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", contentType).end(body);
  }
}
