package com.furnishcare.intake.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON text written with Jackson's streaming generator, for the forms every turn writes (its session, its reply
 * record, its chat log entries): compact, as {@code JsonObject.encode} writes it, without building a tree first;
 * and the parser the session is read back with.
 */
final class StreamedJson {

  private static final JsonFactory JSON = new JsonFactory();

  /** What writes one value to the generator. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private StreamedJson() {}

  static JsonParser parser(String text) throws IOException {
    return JSON.createParser(text);
  }

  static String write(Body body) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return out.toString();
  }
}
