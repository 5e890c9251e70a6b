package com.furnishcare.intake.web;

import com.furnishcare.intake.core.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.TreeMap;

/**
 * The web chat's rendering of replies: each one as the engine made it (kind, text, options with id and
 * label, fields), so the widget draws buttons from data and sends an option's id back when one is pressed.
 */
final class ChatReplies {

  private ChatReplies() {}

  static JsonArray json(List<Reply> replies) {
    JsonArray out = new JsonArray();
    replies.forEach(r -> out.add(json(r)));
    return out;
  }

  static JsonObject json(Reply reply) {
    JsonArray options = new JsonArray();
    reply.options().forEach(o -> options.add(new JsonObject().put("id", o.id()).put("label", o.label())));
    return new JsonObject()
        .put("kind", reply.kind().wireName())
        .put("text", reply.text())
        .put("options", options)
        // Sorted, so the same reply is always the same bytes (a retry compares equal, caches can hash it).
        .put("fields", new JsonObject(new TreeMap<String, Object>(reply.fields())));
  }
}
