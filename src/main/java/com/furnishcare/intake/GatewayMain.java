package com.furnishcare.intake;

import ch.qos.logback.classic.LoggerContext;
import com.furnishcare.intake.cli.CheckCommand;
import com.furnishcare.intake.cli.CommandResult;
import com.furnishcare.intake.cli.ExitCodes;
import com.furnishcare.intake.cli.GenerateReportDataCommand;
import com.furnishcare.intake.cli.RebuildReportFiguresCommand;
import com.furnishcare.intake.cli.HashPasswordCommand;
import com.furnishcare.intake.cli.HelpCommand;
import com.furnishcare.intake.config.ConfigException;
import com.furnishcare.intake.config.ConfigLoader;
import com.furnishcare.intake.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar intake-gateway.jar}: reads the environment, starts, and stops gracefully on SIGTERM
 * (or Ctrl-C): new connections are refused, requests in flight get up to {@code GATEWAY_SHUTDOWN_GRACE_S}
 * to finish, then the stores and Vert.x are closed and the process exits with 0. {@code --check} and
 * {@code --help} print and exit instead (see {@link ExitCodes}).
 */
public final class GatewayMain {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);
  /** Beyond the grace period: closing the push pools and the store after the last request. */
  private static final Duration STOP_MARGIN = Duration.ofSeconds(5);
  /** Vert.x closes its pools and event loops in well under a second; this only bounds a hang. */
  private static final Duration VERTX_CLOSE_LIMIT = Duration.ofSeconds(5);

  private GatewayMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0) {
      CommandResult result = switch (args[0]) {
        case "--check", "check" -> CheckCommand.run(System.getenv());
        case "--help", "-h", "help" -> HelpCommand.run();
        case "hash-password" -> HashPasswordCommand.run(System.in);
        case "generate-report-data" -> GenerateReportDataCommand.run(args, System.getenv());
        case "rebuild-report-figures" -> RebuildReportFiguresCommand.run(args, System.getenv());
        default -> null;
      };
      if (result == null) {
        System.err.println("Unknown argument '" + args[0] + "'. Usage: java -jar intake-gateway.jar [--check | --help | hash-password | generate-report-data | rebuild-report-figures]");
        System.exit(ExitCodes.CONFIGURATION);
        return;
      }
      // The report is the command's output whatever it found; the exit status tells a script the verdict.
      System.out.print(result.output());
      System.out.flush();
      System.exit(result.exitCode());
      return;
    }
    GatewayConfig config;
    try {
      config = ConfigLoader.load(System.getenv());
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(ExitCodes.CONFIGURATION);
      return;
    }
    // One line per data source, so an operator sees at once whether their own folders or the built-in
    // copies are in use.
    config.dataSources().forEach(source -> LOG.info("{}", source.describe()));
    Vertx vertx = Vertx.vertx();
    Gateway gateway;
    try {
      gateway = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      System.err.println("Gateway failed to start: " + cause.getMessage());
      vertx.close();
      // A data file with a mistake (file:line) is a configuration error, like a bad variable.
      System.exit(dataFileError(cause) ? ExitCodes.CONFIGURATION : ExitCodes.FAILED);
      return;
    }
    Shutdown shutdown = new Shutdown(vertx, gateway, config.shutdownGrace());
    // Any way out (a signal, System.exit elsewhere, SIGHUP) stops gracefully.
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown::inShutdownHook, "gateway-shutdown-hook"));
    // The JVM's own SIGTERM handling runs the shutdown hooks and then exits with 143 whatever they did.
    // Handling the signal ourselves lets a clean stop exit with 0; System.exit then runs the hooks
    // (the one above finds the gateway already stopped, sqlite-jdbc's delete-on-exit cleans up).
    handle("TERM", shutdown);
    handle("INT", shutdown);
  }

  private static void handle(String signal, Shutdown shutdown) {
    try {
      Signal.handle(new Signal(signal), s -> shutdown.onSignal("SIG" + signal));
    } catch (IllegalArgumentException e) {
      // e.g. java -Xrs: the shutdown hook still stops gracefully, the exit status is the JVM's.
      LOG.info("SIG{} is not ours to handle ({}); the shutdown hook stops the gateway", signal, e.getMessage());
    }
  }

  /** One graceful stop, whichever of the signal handler and the shutdown hook asks first. */
  static final class Shutdown {

    private final Vertx vertx;
    private final Gateway gateway;
    private final Duration grace;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private Boolean clean;

    Shutdown(Vertx vertx, Gateway gateway, Duration grace) {
      this.vertx = vertx;
      this.gateway = gateway;
      this.grace = grace;
    }

    /** Runs on the JVM's signal thread; a second signal while stopping changes nothing. */
    void onSignal(String name) {
      if (!signalled.compareAndSet(false, true)) {
        LOG.info("{} again: already shutting down", name);
        return;
      }
      LOG.info("{}: shutting down", name);
      System.exit(stop() ? 0 : 1);
    }

    void inShutdownHook() {
      stop();
      // Logback is configured without a shutdown hook of its own, so nothing stops it before the
      // lines above are written; stopping it here flushes and closes the appenders last.
      if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
        context.stop();
      }
    }

    /** Stops the gateway, then Vert.x; true when both finished in time. Blocks the calling (non-Vert.x) thread. */
    synchronized boolean stop() {
      if (clean != null) {
        return clean;
      }
      long started = System.nanoTime();
      LOG.info("refusing new connections; requests in flight get up to {} s", grace.toSeconds());
      // Each step is awaited on this thread before the next starts. Chaining vertx.close() onto a future
      // of an event-loop context (gateway.stop().eventually(vertx::close)) never completes: its last
      // callback is handed to an event loop that vertx.close() has just terminated.
      boolean ok = await("the gateway", gateway.stop(), grace.plus(STOP_MARGIN));
      ok &= await("Vert.x", vertx.close(), VERTX_CLOSE_LIMIT);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      if (ok) {
        LOG.info("stopped in {} ms", ms);
      } else {
        LOG.error("stopped after {} ms, not cleanly (see above)", ms);
      }
      clean = ok;
      return ok;
    }

    private static boolean await(String what, Future<?> future, Duration limit) {
      try {
        future.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        LOG.error("{} did not stop within {} s", what, limit.toSeconds());
      } catch (ExecutionException e) {
        LOG.error("{} failed to stop", what, e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.error("interrupted while stopping {}", what);
      }
      return false;
    }
  }

  private static boolean dataFileError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof com.furnishcare.intake.dialog.load.DialogDataException) {
        return true;
      }
    }
    return false;
  }
}
