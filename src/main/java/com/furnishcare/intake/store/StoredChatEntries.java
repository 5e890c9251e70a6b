package com.furnishcare.intake.store;

import com.furnishcare.intake.core.ChatEntry;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The JSON form of a chat entry, the same in both stores. */
public final class StoredChatEntries {

  private StoredChatEntries() {}

  public static String write(ChatEntry entry) {
    return new JsonObject().put("seq", entry.seq()).put("key", entry.key()).put("author", entry.author().wireName())
        .put("reply", StoredReplies.write(entry.reply())).put("at", entry.at().toEpochMilli()).encode();
  }

  public static ChatEntry read(String json) {
    JsonObject o = new JsonObject(json);
    return new ChatEntry(o.getLong("seq"), o.getString("key"),
        ChatEntry.Author.valueOf(o.getString("author").toUpperCase(java.util.Locale.ROOT)),
        StoredReplies.read(o.getJsonObject("reply")), Instant.ofEpochMilli(o.getLong("at")));
  }
}
