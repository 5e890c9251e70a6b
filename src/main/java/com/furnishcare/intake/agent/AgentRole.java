package com.furnishcare.intake.agent;

import java.util.Locale;

/**
 * What a console login may do. Headquarters agents see every conversation and ticket; supervisors also
 * see (and reassign) the others' work; dealer staff see only what is routed to their dealer (the
 * two-layer complaint channel: dealer first, headquarters as fallback).
 */
public enum AgentRole {
  AGENT, SUPERVISOR, DEALER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AgentRole fromWire(String raw) {
    return valueOf(raw.trim().toUpperCase(Locale.ROOT));
  }
}
