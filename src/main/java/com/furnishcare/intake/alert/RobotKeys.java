package com.furnishcare.intake.alert;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A robot's webhook URL carries its secret key ({@code ...webhook/send?key=KEY}): whoever has it can post to
 * the group. The key is read out of the URL once, and only its masked form ever reaches a log line.
 */
public final class RobotKeys {

  static final String SEND_PATH = "/cgi-bin/webhook/send";

  private RobotKeys() {}

  /** The key of a webhook URL as WeCom shows it; empty when the text is no such URL. */
  public static Optional<String> fromWebhookUrl(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (Exception e) {
      return Optional.empty();
    }
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null || !SEND_PATH.equals(uri.getPath())
        || uri.getRawQuery() == null) {
      return Optional.empty();
    }
    for (String pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith("key=") && pair.length() > 4) {
        String key = URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
        return key.matches("[A-Za-z0-9-]{8,64}") ? Optional.of(key) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The first four characters and stars: enough to tell robots apart in a log, useless to post with. */
  public static String masked(String key) {
    return key.length() <= 4 ? "****" : key.substring(0, 4) + "****";
  }

  /** Any webhook URL in a text (an error message, a logged request) with its key masked. */
  public static String maskIn(String text) {
    if (text == null) {
      return "";
    }
    return text.replaceAll("key=([A-Za-z0-9-]{0,4})[A-Za-z0-9%-]*", "key=$1****");
  }
}
