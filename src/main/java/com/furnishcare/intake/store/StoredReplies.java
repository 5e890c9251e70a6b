package com.furnishcare.intake.store;

import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored JSON of a turn's recorded answer. Both stores keep it as one string with the turn, so the
 * form is defined once here. Reading accepts every form an earlier version wrote: a single passive string,
 * and records without {@code replies} (their texts become plain text replies).
 */
final class StoredReplies {

  private StoredReplies() {}

  static String write(RecordedReply reply) {
    JsonArray replies = new JsonArray();
    reply.replies().forEach(r -> replies.add(write(r)));
    return new JsonObject()
        .put("passive", new JsonArray(List.copyOf(reply.passive())))
        .put("pushed", new JsonArray(List.copyOf(reply.pushed())))
        .put("replies", replies)
        .encode();
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

  static JsonObject write(Reply reply) {
    JsonArray options = new JsonArray();
    reply.options().forEach(o -> options.add(new JsonObject().put("id", o.id()).put("label", o.label())));
    return new JsonObject()
        .put("kind", reply.kind().wireName())
        .put("text", reply.text())
        .put("options", options)
        .put("fields", new JsonObject(new LinkedHashMap<>(reply.fields())));
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
