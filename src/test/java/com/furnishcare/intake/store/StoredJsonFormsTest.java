package com.furnishcare.intake.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reply record and chat entry texts, written with the streaming generator, are the very texts the earlier
 * {@code JsonObject} code wrote (stored records of both kinds stay readable, and the Redis chat log's script finds
 * the {@code "seq":0,} it replaces), and read back as what was written.
 */
class StoredJsonFormsTest {

  private static final String[] PIECES = {"柜子缝隙多大算正常", "櫃子", "\"", "\\", "\n", "\t", "\u0001", "😀", "</script>",
      "&<>'", " ", "a", "1", "回到刚才的问题：", "\u2028", "{\"seq\":0,}"};

  @Test
  void replyRecordsAndChatEntriesAreWrittenAsTheTreeWroteThemAndReadBackTheSame() {
    Random random = new Random(20261203);
    for (int i = 0; i < 2_000; i++) {
      List<Reply> replies = new ArrayList<>();
      for (int r = random.nextInt(4); r > 0; r--) {
        replies.add(reply(random));
      }
      // One in three records answers with plain texts only, as a knowledge-base answer does.
      RecordedReply recorded = random.nextInt(3) == 0 ? RecordedReply.fromTexts(texts(random), texts(random))
          : new RecordedReply(texts(random), texts(random), replies);
      String written = StoredReplies.write(recorded);
      assertEquals(treeForm(recorded), written);
      assertEquals(recorded, StoredReplies.read(written));
      assertEquals(recorded, StoredReplies.read(fullTreeForm(recorded)), "records written in full still read");

      Reply reply = reply(random);
      ChatEntry.Author author = ChatEntry.Author.values()[random.nextInt(ChatEntry.Author.values().length)];
      ChatEntry entry = new ChatEntry(0, text(random), author, reply, Instant.ofEpochMilli(random.nextLong() >>> 20));
      String entryText = StoredChatEntries.write(entry);
      assertTrue(entryText.startsWith("{\"seq\":0,"), entryText);
      assertEquals(new JsonObject().put("seq", 0L).put("key", entry.key()).put("author", author.wireName())
          .put("reply", treeForm(reply)).put("at", entry.at().toEpochMilli()).encode(), entryText);
      assertEquals(entry, StoredChatEntries.read(entryText));
    }
  }

  @Test
  void anAnswerOfPlainTextsIsStoredOnceAndReadBackWhole() {
    String answer = "柜体拼接缝隙不超过 3 毫米为合格。\n\n需要登记投诉吗？";
    RecordedReply recorded = RecordedReply.fromTexts(List.of(answer), List.of());
    String written = StoredReplies.write(recorded);
    assertEquals(1, written.split("3 毫米", -1).length - 1, written);
    assertEquals(recorded, StoredReplies.read(written));

    RecordedReply menu = new RecordedReply(List.of("请选择"), List.of(),
        List.of(Reply.choices("请选择", List.of(new Reply.Option("1", "柜体")))));
    assertEquals(menu, StoredReplies.read(StoredReplies.write(menu)), "buttons are kept");
  }

  /** The tree form, without {@code replies} when they are only the texts (the form records had before them). */
  private static String treeForm(RecordedReply reply) {
    JsonObject form = new JsonObject(fullTreeForm(reply));
    if (reply.equals(RecordedReply.fromTexts(reply.passive(), reply.pushed()))) {
      form.remove("replies");
    }
    return form.encode();
  }

  private static String fullTreeForm(RecordedReply reply) {
    JsonArray replies = new JsonArray();
    reply.replies().forEach(r -> replies.add(treeForm(r)));
    return new JsonObject().put("passive", new JsonArray(List.copyOf(reply.passive())))
        .put("pushed", new JsonArray(List.copyOf(reply.pushed()))).put("replies", replies).encode();
  }

  private static JsonObject treeForm(Reply reply) {
    JsonArray options = new JsonArray();
    reply.options().forEach(o -> options.add(new JsonObject().put("id", o.id()).put("label", o.label())));
    return new JsonObject().put("kind", reply.kind().wireName()).put("text", reply.text()).put("options", options)
        .put("fields", new JsonObject(new LinkedHashMap<>(reply.fields())));
  }

  private static Reply reply(Random random) {
    List<Reply.Option> options = new ArrayList<>();
    for (int o = random.nextInt(4); o > 0; o--) {
      options.add(new Reply.Option(text(random), text(random)));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int f = random.nextInt(3); f > 0; f--) {
      fields.put(text(random), text(random));
    }
    Reply.Kind kind = Reply.Kind.values()[random.nextInt(Reply.Kind.values().length)];
    return new Reply(kind, text(random), options, fields);
  }

  private static List<String> texts(Random random) {
    List<String> texts = new ArrayList<>();
    for (int t = random.nextInt(3); t > 0; t--) {
      texts.add(text(random));
    }
    return texts;
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    for (int p = random.nextInt(6); p > 0; p--) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }
}
