package com.furnishcare.intake.agent;

import java.util.Optional;

/**
 * Who is signed in to the console for this request, as the session vouches for it.
 *
 * @param dealer the dealer id (config/dealers.csv) for dealer staff; empty for headquarters staff
 */
public record AgentPrincipal(String username, String displayName, AgentRole role, Optional<String> dealer) {

  /** The key under which the authenticated request carries its principal (RoutingContext data). */
  public static final String CONTEXT_KEY = "agentPrincipal";

  public boolean supervisor() {
    return role == AgentRole.SUPERVISOR;
  }

  /** Whether this login may see work routed to {@code routedDealer} (a dealer id, or HQ). */
  public boolean maySee(String routedDealer) {
    return dealer.isEmpty() || dealer.get().equals(routedDealer);
  }

  public static AgentPrincipal of(io.vertx.ext.web.RoutingContext ctx) {
    AgentPrincipal p = ctx.get(CONTEXT_KEY);
    if (p == null) {
      throw new IllegalStateException("agent route mounted without the agent session check");
    }
    return p;
  }
}
