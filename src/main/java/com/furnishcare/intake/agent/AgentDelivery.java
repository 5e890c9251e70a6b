package com.furnishcare.intake.agent;

/**
 * What became of an agent's reply on the homeowner's channel, shown beside it in the console.
 *
 * @param status {@code delivered}; {@code stored} (web chat with no page open: shown when the homeowner
 *     opens it); {@code outside_window} (WeChat's 48-hour window has closed: only a template message or an
 *     SMS can reach them, {@code routes} names those open for this homeowner); {@code refused} (the platform said no, {@code detail} has its code); {@code failed}
 */
public record AgentDelivery(String status, String detail, java.util.List<String> routes) {

  public AgentDelivery {
    routes = java.util.List.copyOf(routes);
  }

  public AgentDelivery(String status, String detail) {
    this(status, detail, java.util.List.of());
  }

  public static AgentDelivery delivered() {
    return new AgentDelivery("delivered", "");
  }

  public boolean reachedOrKept() {
    return status.equals("delivered") || status.equals("stored");
  }
}
