package com.furnishcare.intake.web;

import com.furnishcare.intake.core.ChatEntry;
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

  /**
   * A conversation entry for the page: its number, who said it, when, and the reply; the homeowner's own
   * messages name the client id they were sent with, so the page knows its message arrived.
   */
  static JsonObject entry(ChatEntry entry) {
    JsonObject json = json(entry.reply()).put("type", "entry").put("seq", entry.seq())
        .put("author", entry.author().wireName()).put("at", entry.at().toString());
    if (entry.author() == ChatEntry.Author.USER && entry.key().startsWith("u:")) {
      json.put("clientId", entry.key().substring(2));
    }
    return json;
  }
}
