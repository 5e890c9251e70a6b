package com.furnishcare.intake.chat;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ChatBus;
import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.turn.TurnAnswer;
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A homeowner's web-chat message, from the page's socket or the JSON API alike: written to the
 * conversation's log, answered by exactly one turn (a message id sent twice is one turn), the answer
 * written after it, and every open page told. The log is what the page shows, so a reload or a reconnect
 * to another process shows the same history in the same order.
 */
public final class ChatService {

  /** The turn key of a web-chat message, shared with the JSON API so both dedupe the same way. */
  public static String turnKey(String conversationId, String clientId) {
    return "webchat:" + conversationId + ":" + clientId;
  }

  private final TurnProcessor turns;
  private final ChatWriter writer;
  private final Clock clock;

  public ChatService(TurnProcessor turns, ChatWriter writer, Clock clock) {
    this.turns = turns;
    this.writer = writer;
    this.clock = clock;
  }

  /**
   * @param text what the homeowner typed, or the label of the button they pressed
   * @param attributes the message's attributes (a pressed button's {@code option})
   * @return the turn's answer (empty when late: it then follows through the log as a push)
   */
  public Future<TurnAnswer> send(String conversationId, String clientId, String text, Map<String, String> attributes) {
    InboundMessage message = new InboundMessage(new ConversationKey(ChannelName.WEBCHAT, conversationId),
        MessageKind.TEXT, text, attributes, clock.instant());
    return exchange(conversationId, clientId, message, text.isBlank() ? null : Reply.text(text));
  }

  /**
   * The homeowner's entry (unless there is nothing to show), then the one turn for the message, then its
   * answer's entries: keyed by the client id, so a resend changes nothing.
   */
  private Future<TurnAnswer> exchange(String conversationId, String clientId, InboundMessage message, Reply said) {
    Future<ChatEntry> shown = said == null
        ? Future.succeededFuture()
        : writer.append(conversationId, "u:" + clientId, ChatEntry.Author.USER, said);
    return shown.compose(ignored -> turns.handle(message, turnKey(conversationId, clientId)))
        .compose(answer -> appendAll(conversationId, "b:" + clientId + ":", answer.replies()).map(answer));
  }

  /**
   * A photo the homeowner sent (already checked and stored): shown in the log as a photo entry, and read
   * by the conversation as an image (the engine keeps it with the complaint). The same photo sent again is
   * one entry and one turn.
   */
  public Future<TurnAnswer> sendPhoto(String conversationId, String photoId, String url) {
    InboundMessage message = new InboundMessage(new ConversationKey(ChannelName.WEBCHAT, conversationId),
        MessageKind.IMAGE, "", Map.of("blobId", photoId, "photoUrl", url, "mediaId", photoId, "picUrl", url),
        clock.instant());
    String clientId = "photo:" + photoId;
    Reply photo = new Reply(Reply.Kind.PHOTO, "", List.of(), Map.of("photoId", photoId, "url", url));
    return exchange(conversationId, clientId, message, photo);
  }

  /** A person's words in the conversation, under their name (once per key); every open page is told. */
  public Future<ChatEntry> agentSays(String conversationId, String key, Reply said) {
    return writer.append(conversationId, key, ChatEntry.Author.AGENT, said);
  }

  /** The conversation's entries after {@code afterSeq}, oldest first. */
  public Future<List<ChatEntry>> history(String conversationId, long afterSeq, int limit) {
    return writer.log().after(conversationId, afterSeq, limit);
  }

  public ChatBus bus() {
    return writer.bus();
  }

  private Future<Void> appendAll(String conversationId, String keyPrefix, List<Reply> replies) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < replies.size(); i++) {
      Reply reply = replies.get(i);
      String key = keyPrefix + i;
      chain = chain.compose(v -> writer.append(conversationId, key, ChatEntry.Author.BOT, reply).mapEmpty());
    }
    return chain;
  }

}
