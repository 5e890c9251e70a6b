package com.furnishcare.intake.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionVersion;
import io.vertx.core.json.DecodeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A session's stored text: {@code {"v":token,"values":{name: text, ...},"updatedAt":ms}}, the version token first
 * ({@link SessionVersion}). Read and written with Jackson's streaming parser and generator rather than through a
 * {@code JsonObject}: every turn reads and writes its session, a few kilobytes once the transcript is long, and the
 * tree in between (built, copied into a map, and the other way round) was most of that cost.
 */
final class StoredSessions {

  private StoredSessions() {}

  /** The stored text of {@code session}, starting with its version {@code token} ({@link SessionVersion#fresh}). */
  static String write(Session session, String token) {
    return StreamedJson.write(json -> {
      json.writeStartObject();
      json.writeStringField("v", token);
      json.writeObjectFieldStart("values");
      for (Map.Entry<String, String> value : session.values().entrySet()) {
        json.writeStringField(value.getKey(), value.getValue());
      }
      json.writeEndObject();
      json.writeNumberField("updatedAt", session.updatedAt().toEpochMilli());
      json.writeEndObject();
    });
  }

  /**
   * Reads any stored form: with or without the token, fields in any order, unknown fields skipped, a value that
   * is not a string (none is written so) read as its text.
   *
   * @throws DecodeException for text that is not a JSON object
   */
  static Session read(String text) {
    Map<String, String> values = new HashMap<>();
    long updatedAt = 0;
    try (JsonParser json = StreamedJson.parser(text)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new DecodeException("a stored session is a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken token = json.nextToken();
        if ("values".equals(field) && token == JsonToken.START_OBJECT) {
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (value.isScalarValue()) {
              values.put(name, value == JsonToken.VALUE_NULL ? "null" : json.getText());
            } else {
              json.skipChildren();
            }
          }
        } else if ("updatedAt".equals(field) && token.isNumeric()) {
          updatedAt = json.getLongValue();
        } else {
          json.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new DecodeException("unreadable stored session: " + e.getMessage());
    }
    return new Session(values, Instant.ofEpochMilli(updatedAt));
  }
}
