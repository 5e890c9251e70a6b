package com.furnishcare.intake.chat;

import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.PushSender;
import com.furnishcare.intake.core.Reply;
import io.vertx.core.Future;
import java.util.UUID;

/**
 * Pushes to a web-chat conversation: the message goes into its log (so the page shows it whenever it is
 * next opened) and to every open page at once. It counts as delivered only when a page is open; otherwise
 * it is refused, so the caller falls back to SMS for a status change, once, as before.
 */
public final class ChatLogPushSender implements PushSender {

  /** Refused because no page of the conversation is open (a status change then goes by SMS). */
  public static final int NO_OPEN_PAGE = 1;

  private final ChatWriter writer;

  public ChatLogPushSender(ChatWriter writer) {
    this.writer = writer;
  }

  /** A closed page is the usual case, not a fault: refusals are recorded without a warning. */
  @Override
  public boolean canPush() {
    return false;
  }

  @Override
  public Future<Void> push(ConversationKey to, String text) {
    return push(to, Reply.text(text));
  }

  @Override
  public Future<Void> push(ConversationKey to, Reply reply) {
    String conversationId = to.userId();
    return writer.append(conversationId, "p:" + UUID.randomUUID(), ChatEntry.Author.BOT, reply)
        .compose(entry -> writer.bus().anyoneListening(conversationId))
        .compose(open -> open ? Future.succeededFuture()
            : Future.failedFuture(new PushRejected(NO_OPEN_PAGE, "no page of this web conversation is open")));
  }
}
