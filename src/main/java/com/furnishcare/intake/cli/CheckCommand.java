package com.furnishcare.intake.cli;

import com.furnishcare.intake.config.ConfigException;
import com.furnishcare.intake.config.ConfigLoader;
import com.furnishcare.intake.agent.AgentsFile;
import com.furnishcare.intake.config.DataSourceResolver;
import com.furnishcare.intake.config.GatewayConfig;
import com.furnishcare.intake.config.TicketingConfig;
import com.furnishcare.intake.dialog.load.DialogBookLoader;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.nlu.Vocabulary;
import com.furnishcare.intake.faq.FaqIndex;
import com.furnishcare.intake.faq.FaqThresholds;
import com.furnishcare.intake.faq.KnowledgeBaseLoader;
import com.furnishcare.intake.store.redis.RedisStores;
import com.furnishcare.intake.ticket.RtReachability;
import com.furnishcare.intake.ticket.RtRouting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@code --check}: what an operator runs before a deploy. Loads the configuration, the dialogs, the
 * knowledge base and the routing file exactly as start-up would, asks Redis and Request Tracker (when
 * configured) whether they answer, and prints the settings with secrets masked. Every problem found is
 * listed, each naming its variable or file:line; nothing is started and nothing is written.
 *
 * <p>Runs on the calling thread (main), before and without the gateway's event loops; the probes' futures
 * are awaited here.
 */
public final class CheckCommand {

  private final Map<String, String> environment;
  private final DataSourceResolver data;
  private final Duration probeTimeout;
  private final StringBuilder out = new StringBuilder();
  private int exitCode = ExitCodes.OK;

  public CheckCommand(Map<String, String> environment, DataSourceResolver data, Duration probeTimeout) {
    this.environment = environment;
    this.data = data;
    this.probeTimeout = probeTimeout;
  }

  public static CommandResult run(Map<String, String> environment) {
    return new CheckCommand(environment, DataSourceResolver.standard(), Duration.ofSeconds(10)).run();
  }

  public CommandResult run() {
    out.append("intake-gateway configuration check\n\n");
    GatewayConfig config;
    try {
      Map<String, String> values = ConfigLoader.values(environment);
      out.append("Settings (secrets masked):\n").append(SettingsReport.render(values, environment)).append('\n');
      config = ConfigLoader.load(environment, data);
    } catch (ConfigException e) {
      fail(ExitCodes.CONFIGURATION, "configuration", e.getMessage());
      return finish();
    }
    out.append("Data:\n");
    config.dataSources().forEach(source -> out.append("  ").append(source.describe()).append('\n'));
    out.append("\nChecks:\n");
    ok("configuration", "every variable valid");
    Optional<DialogBook> book = dialogs(config);
    book.ifPresentOrElse(b -> knowledgeBase(config, b),
        () -> out.append("  SKIP  knowledge base: its categories come from the dialogs, which are not valid\n"));
    agentAccounts(config);
    alertsFile(config);
    config.ticketing().rt().ifPresent(this::routing);
    probes(config);
    return finish();
  }

  private Optional<DialogBook> dialogs(GatewayConfig config) {
    try {
      DialogBook book = DialogBookLoader.load(config.dialogsDir(), config.gradingFile(), config.dealersFile());
      ok("dialogs", book.flows().size() + " flows from " + config.dialogsDir());
      return Optional.of(book);
    } catch (Exception e) {
      fail(ExitCodes.CONFIGURATION, "dialogs", whereIn(config, String.valueOf(e.getMessage())) + e.getMessage());
      return Optional.empty();
    }
  }

  /** The loader's messages start with a bare file name (main-menu.yaml:5: ...); say which folder it is in. */
  private static String whereIn(GatewayConfig config, String message) {
    for (var file : java.util.List.of(config.gradingFile(), config.dealersFile())) {
      if (message.startsWith(file.getFileName() + ":")) {
        return "in " + (file.getParent() == null ? "." : file.getParent()) + "/: ";
      }
    }
    return "in " + config.dialogsDir() + "/: ";
  }

  private void knowledgeBase(GatewayConfig config, DialogBook book) {
    var faq = config.faq();
    try {
      var categories = book.vocabulary().categories().stream().map(Vocabulary.Term::code).collect(Collectors.toSet());
      FaqIndex index = FaqIndex.build(KnowledgeBaseLoader.load(faq.knowledgeBaseDir(), categories),
          new FaqThresholds(faq.answerConfidence(), faq.choicesConfidence(), faq.answerMargin()));
      ok("knowledge base", index.size() + " entries from " + faq.knowledgeBaseDir());
    } catch (Exception e) {
      fail(ExitCodes.CONFIGURATION, "knowledge base", "in " + faq.knowledgeBaseDir() + ": " + e.getMessage());
    }
  }

  private void agentAccounts(GatewayConfig config) {
    var agents = config.agents();
    try {
      var accounts = AgentsFile.load(agents.accountsFile(), agents.accountsFileRequired(), config.dealersFile());
      ok("agent accounts", accounts.size() + " accounts from " + agents.accountsFile()
          + (accounts.size() == 0 ? " (nobody can sign in to the console)" : ""));
    } catch (Exception e) {
      fail(ExitCodes.CONFIGURATION, "agent accounts", "in " + agents.accountsFile() + ": " + e.getMessage());
    }
  }

  private void alertsFile(GatewayConfig config) {
    var alerts = config.alerts();
    try {
      var book = com.furnishcare.intake.alert.AlertsFile.load(alerts.file(), alerts.required(), config.dealersFile());
      ok("alerts", book.robotKeys().size() + " robots from " + alerts.file()
          + (book.robotKeys().isEmpty() ? " (no alerts are sent)" : ""));
    } catch (Exception e) {
      fail(ExitCodes.CONFIGURATION, "alerts", "in " + alerts.file() + ": " + e.getMessage());
    }
  }

  private void routing(TicketingConfig.RequestTracker rt) {
    try {
      RtRouting routing = RtRouting.load(rt.routingFile(), rt.queue());
      ok("RT routing", routing.dealers().size() + " dealers routed, others to queue " + routing.fallback().queue());
    } catch (ConfigException e) {
      fail(ExitCodes.CONFIGURATION, "RT routing", e.getMessage());
    }
  }

  private void probes(GatewayConfig config) {
    if (config.redisUrl().isEmpty() && config.ticketing().rt().isEmpty()) {
      return;
    }
    Vertx vertx = Vertx.vertx();
    try {
      config.redisUrl().ifPresent(url -> {
        // A comma-separated target came from REDIS_CLUSTER_NODES; on a cluster the answer says so.
        String label = url.contains(",") ? "Redis (REDIS_CLUSTER_NODES)" : "Redis (REDIS_URL)";
        try {
          ok(label, "answered " + await(RedisStores.ping(vertx, url)));
        } catch (Exception e) {
          fail(ExitCodes.UNREACHABLE, label, "no answer from " + SettingsReport.withoutCredentials(url) + ": "
              + reason(e));
        }
      });
      config.ticketing().rt().ifPresent(rt -> requestTracker(vertx, rt));
    } finally {
      awaitQuietly(vertx.close());
    }
  }

  private void requestTracker(Vertx vertx, TicketingConfig.RequestTracker rt) {
    String credentials = rt.token().isPresent() ? "RT_TOKEN" : "RT_USER/RT_PASSWORD";
    try {
      RtReachability.Answer answer = await(RtReachability.ask(vertx, rt, probeTimeout.toMillis()));
      if (answer.rejected()) {
        fail(ExitCodes.CONFIGURATION, "Request Tracker (RT_URL)", SettingsReport.withoutCredentials(rt.url()) + " refused " + credentials + ": HTTP "
            + answer.status() + " " + answer.body());
      } else if (answer.status() != 200) {
        fail(ExitCodes.UNREACHABLE, "Request Tracker (RT_URL)", SettingsReport.withoutCredentials(rt.url()) + "/REST/2.0/queues/all answered HTTP "
            + answer.status() + " " + answer.body());
      } else {
        ok("Request Tracker (RT_URL)", SettingsReport.withoutCredentials(rt.url()) + " answered an authenticated request (" + credentials + ")");
      }
    } catch (Exception e) {
      fail(ExitCodes.UNREACHABLE, "Request Tracker (RT_URL)", "no answer from " + SettingsReport.withoutCredentials(rt.url()) + ": " + reason(e));
    }
  }

  private <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new TimeoutException("no answer within " + probeTimeout.toSeconds() + " s");
    }
  }

  private void awaitQuietly(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Only the probes' client threads are left; the process exits right after the check.
    }
  }

  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private void ok(String what, String detail) {
    out.append("  OK    ").append(what).append(": ").append(detail).append('\n');
  }

  /** The configuration/data errors (2) outrank an unreachable dependency (3): they need fixing first. */
  private void fail(int code, String what, String detail) {
    out.append("  FAIL  ").append(what).append(": ").append(detail).append('\n');
    if (exitCode == ExitCodes.OK || code == ExitCodes.CONFIGURATION) {
      exitCode = code;
    }
  }

  private CommandResult finish() {
    out.append('\n').append(switch (exitCode) {
      case ExitCodes.OK -> "All good: the gateway would start with the settings above (exit 0).";
      case ExitCodes.CONFIGURATION -> "Not ready: fix the configuration or data named above (exit 2).";
      default -> "Configuration valid, but a dependency did not answer (exit 3).";
    }).append('\n');
    return new CommandResult(exitCode, out.toString());
  }
}
