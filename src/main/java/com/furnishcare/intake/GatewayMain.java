package com.furnishcare.intake;

import com.furnishcare.intake.config.ConfigException;
import com.furnishcare.intake.config.ConfigLoader;
import com.furnishcare.intake.config.GatewayConfig;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar intake-gateway.jar}: reads the environment, starts, and stops gracefully on SIGTERM. */
public final class GatewayMain {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

  private GatewayMain() {}

  public static void main(String[] args) throws Exception {
    GatewayConfig config;
    try {
      config = ConfigLoader.load(System.getenv());
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Gateway gateway;
    try {
      gateway = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      System.err.println("Gateway failed to start: " + cause.getMessage());
      vertx.close();
      System.exit(1);
      return;
    }
    long graceMs = config.shutdownGrace().toMillis() + 5_000;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down: finishing requests in flight");
      try {
        gateway.stop().eventually(vertx::close).toCompletionStage().toCompletableFuture()
            .get(graceMs, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("shutdown did not finish cleanly: {}", e.toString());
      }
    }, "gateway-shutdown"));
  }
}
