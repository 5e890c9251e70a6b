package com.furnishcare.intake.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored JSON of a turn's recorded answer. Both stores keep it as one string with the turn, so the
 * form is defined once here. Reading accepts every form an earlier version wrote: a single passive string,
 * and records without {@code replies} (their texts become plain text replies). Written with Jackson's streaming
 * generator, as every turn writes one (and the chat log entries holding the same replies), read through a tree.
 *
 * <p>A record whose replies are just its texts as plain text replies (a knowledge-base answer, most turns without
 * buttons) is written without {@code replies}: reading rebuilds the same record from the texts, so the stored
 * record holds each text once, not twice. Gateways of every earlier version read such records the same way (the
 * form is the one records had before replies were kept), so a rolling upgrade mixes versions safely.
 */
final class StoredReplies {

  private StoredReplies() {}

  static String write(RecordedReply reply) {
    return StreamedJson.write(json -> {
      json.writeStartObject();
      writeTexts(json, "passive", reply.passive());
      writeTexts(json, "pushed", reply.pushed());
      if (!reply.repliesAreTexts()) {
        json.writeArrayFieldStart("replies");
        for (Reply r : reply.replies()) {
          write(json, r);
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    });
  }

  private static void writeTexts(JsonGenerator json, String field, List<String> texts) throws IOException {
    json.writeArrayFieldStart(field);
    for (String text : texts) {
      json.writeString(text);
    }
    json.writeEndArray();
  }

  static RecordedReply read(String json) {
    JsonObject object = new JsonObject(json);
    Object passive = object.getValue("passive");
    // Records written before replies could have several passive parts hold a single string.
    List<String> passiveParts = passive == null ? List.of()
        : passive instanceof String single ? List.of(single) : strings((JsonArray) passive);
    List<String> pushed = strings(object.getJsonArray("pushed", new JsonArray()));
    JsonArray replies = object.getJsonArray("replies");
    if (replies == null) {
      return RecordedReply.fromTexts(passiveParts, pushed);
    }
    return new RecordedReply(passiveParts, pushed, replies.stream().map(r -> read((JsonObject) r)).toList());
  }

  /** One reply as an object: kind, text, options (id and label each), fields. */
  static void write(JsonGenerator json, Reply reply) throws IOException {
    json.writeStartObject();
    json.writeStringField("kind", reply.kind().wireName());
    json.writeStringField("text", reply.text());
    json.writeArrayFieldStart("options");
    for (Reply.Option option : reply.options()) {
      json.writeStartObject();
      json.writeStringField("id", option.id());
      json.writeStringField("label", option.label());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeObjectFieldStart("fields");
    for (Map.Entry<String, String> field : reply.fields().entrySet()) {
      json.writeStringField(field.getKey(), field.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  static Reply read(JsonObject reply) {
    List<Reply.Option> options = reply.getJsonArray("options", new JsonArray()).stream()
        .map(o -> (JsonObject) o)
        .map(o -> new Reply.Option(o.getString("id", ""), o.getString("label", "")))
        .toList();
    Map<String, String> fields = new LinkedHashMap<>();
    reply.getJsonObject("fields", new JsonObject()).forEach(e -> fields.put(e.getKey(), String.valueOf(e.getValue())));
    return new Reply(Reply.Kind.fromWire(reply.getString("kind", "")), reply.getString("text", ""), options, fields);
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }
}
