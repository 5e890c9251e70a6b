package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Session;
import java.util.List;

/** The outcome of one inbound message: the session to keep and the texts to send back, in order. */
public record Turn(Session session, List<String> replies) {
  public Turn {
    replies = List.copyOf(replies);
  }
}
