package com.furnishcare.intake.agent;

/**
 * What became of an agent's reply on the homeowner's channel, shown beside it in the console.
 *
 * @param status {@code delivered}; {@code stored} (web chat with no page open: shown when the homeowner
 *     opens it); {@code outside_window} (WeChat's 48-hour window has closed: only a template message or an
 *     SMS can reach them); {@code refused} (the platform said no, {@code detail} has its code); {@code failed}
 */
public record AgentDelivery(String status, String detail) {

  public static AgentDelivery delivered() {
    return new AgentDelivery("delivered", "");
  }

  public boolean reachedOrKept() {
    return status.equals("delivered") || status.equals("stored");
  }
}
