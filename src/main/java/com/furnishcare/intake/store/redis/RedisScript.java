package com.furnishcare.intake.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}): the script's text (some are kilobytes) crosses the wire
 * and is hashed by Redis only when Redis does not have it yet — after a restart, a {@code SCRIPT FLUSH}, or
 * on a cluster node that never saw it — and then once, with {@code EVAL}, which also caches it there.
 */
final class RedisScript {

  private final String text;
  private final String sha;

  RedisScript(String text) {
    this.text = text;
    this.sha = sha1(text);
  }

  /** Runs the script with {@code keyCount} keys first in {@code keysAndArgs}, then the arguments. */
  Future<Response> run(RedisAPI redis, int keyCount, List<String> keysAndArgs) {
    return redis.evalsha(call(sha, keyCount, keysAndArgs)).recover(err -> isNoScript(err)
        ? redis.eval(call(text, keyCount, keysAndArgs))
        : Future.failedFuture(err));
  }

  String text() {
    return text;
  }

  private static List<String> call(String script, int keyCount, List<String> keysAndArgs) {
    List<String> call = new ArrayList<>(keysAndArgs.size() + 2);
    call.add(script);
    call.add(Integer.toString(keyCount));
    call.addAll(keysAndArgs);
    return call;
  }

  private static boolean isNoScript(Throwable err) {
    return err.getMessage() != null && err.getMessage().startsWith("NOSCRIPT");
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
