package com.furnishcare.intake.agent;

/**
 * An agent action refused, with the HTTP status the console gets: 404 for a conversation this login may
 * not see (the same as one that does not exist, so ids cannot be probed), 409 for one someone else just
 * took or changed, 403 for an action the role does not allow.
 */
public final class AgentDeskException extends RuntimeException {

  private final int status;

  public AgentDeskException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static AgentDeskException notFound() {
    return new AgentDeskException(404, "no such conversation");
  }
}
