package com.furnishcare.intake.core;

import io.vertx.core.Future;

/** Where tickets go to be worked on: the gateway's own store, Request Tracker, a webhook. */
public interface TicketSink {

  /** Delivers the ticket; resolves with the receiving system's reference for it. Safe to call again. */
  Future<String> deliver(Ticket ticket);

  String name();
}
