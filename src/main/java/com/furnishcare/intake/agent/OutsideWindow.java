package com.furnishcare.intake.agent;

import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.core.Reply;
import io.vertx.core.Future;
import java.util.List;

/**
 * Ways to reach a WeChat homeowner once the 48-hour customer-service window has closed: a template
 * message, or an SMS carrying a link to a web chat holding the agent's words. The console offers those
 * this homeowner can be reached by; the agent picks one.
 */
public interface OutsideWindow {

  String TEMPLATE = "template";
  String SMS = "sms";

  /** The routes open for this case, in the order the console offers them (maybe none). */
  Future<List<String>> routes(HandoffCase c);

  /** Sends the agent's words by {@code route}; resolves with what became of them. */
  Future<AgentDelivery> send(String route, HandoffCase c, String clientId, Reply said);

  static OutsideWindow none() {
    return new OutsideWindow() {
      @Override
      public Future<List<String>> routes(HandoffCase c) {
        return Future.succeededFuture(List.of());
      }

      @Override
      public Future<AgentDelivery> send(String route, HandoffCase c, String clientId, Reply said) {
        return Future.succeededFuture(new AgentDelivery("failed", "no route outside the window is configured"));
      }
    };
  }
}
