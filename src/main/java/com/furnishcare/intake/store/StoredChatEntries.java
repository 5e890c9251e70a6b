package com.furnishcare.intake.store;

import com.furnishcare.intake.core.ChatEntry;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The JSON form of a chat entry, the same in both stores. */
public final class StoredChatEntries {

  private StoredChatEntries() {}

  /**
   * {@code {"seq":n,"key":…,"author":…,"reply":{…},"at":ms}}, compact and {@code seq} first: the Redis chat log's
   * script numbers a new entry by replacing its {@code "seq":0,}.
   */
  public static String write(ChatEntry entry) {
    return StreamedJson.write(json -> {
      json.writeStartObject();
      json.writeNumberField("seq", entry.seq());
      json.writeStringField("key", entry.key());
      json.writeStringField("author", entry.author().wireName());
      json.writeFieldName("reply");
      StoredReplies.write(json, entry.reply());
      json.writeNumberField("at", entry.at().toEpochMilli());
      json.writeEndObject();
    });
  }

  public static ChatEntry read(String json) {
    JsonObject o = new JsonObject(json);
    return new ChatEntry(o.getLong("seq"), o.getString("key"),
        ChatEntry.Author.valueOf(o.getString("author").toUpperCase(java.util.Locale.ROOT)),
        StoredReplies.read(o.getJsonObject("reply")), Instant.ofEpochMilli(o.getLong("at")));
  }
}
