package com.furnishcare.intake.turn;

import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Session;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options the last turn offered, kept in the session so a button press that sends only an option id
 * (the web chat's {@code "option"}) reaches the engine with the label the homeowner saw as its text: the
 * transcript then reads as they pressed it, and understanding that does not know the option id still
 * reads the label. The engine itself gets the id as the message's {@code option} attribute.
 */
final class OfferedOptions {

  /** Outside the engine's own names ("dlg.*", "slot.*"): only the turn layer writes it. */
  static final String KEY = "turn.offered";

  private OfferedOptions() {}

  /** The message with the offered option's label as its text, when it carries an option id and no text. */
  static InboundMessage labelled(InboundMessage message, Session before) {
    String id = message.attribute(InboundMessage.OPTION);
    if (id.isEmpty() || !message.text().isBlank()) {
      return message;
    }
    String label = new JsonObject(before.get(KEY, "{}")).getString(id, "");
    return label.isEmpty() ? message
        : new InboundMessage(message.from(), message.kind(), label, message.attributes(), message.receivedAt());
  }

  /** The session after a turn, remembering what its replies offer (and forgetting older offers). */
  static Session remember(Session after, Iterable<Reply> replies) {
    Map<String, Object> offered = new LinkedHashMap<>();
    for (Reply reply : replies) {
      reply.options().forEach(o -> offered.put(o.id(), o.label()));
    }
    Map<String, String> values = new HashMap<>(after.values());
    if (offered.isEmpty()) {
      values.remove(KEY);
    } else {
      values.put(KEY, new JsonObject(offered).encode());
    }
    return new Session(values, after.updatedAt());
  }
}
