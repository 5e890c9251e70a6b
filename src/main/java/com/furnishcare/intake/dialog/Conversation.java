package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Session;

/** Decides what to say. Pure: no I/O, so it is tested without a network and driven from any channel. */
public interface Conversation {

  Turn respond(Session session, InboundMessage message, DialogContext context);
}
