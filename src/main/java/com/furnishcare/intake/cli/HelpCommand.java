package com.furnishcare.intake.cli;

import com.furnishcare.intake.config.Variable;
import com.furnishcare.intake.config.Variables;

/** {@code --help}: how to run the gateway and every variable it reads, with its default and meaning. */
public final class HelpCommand {

  private HelpCommand() {}

  public static CommandResult run() {
    StringBuilder out = new StringBuilder();
    out.append("""
        Usage: java -jar intake-gateway.jar [--check | --help | hash-password | generate-report-data |
                                          rebuild-report-figures]

          (no argument)  start the gateway
          --check        validate the configuration, dialogs, knowledge base, grading and routing files and
                         reach Redis / Request Tracker when configured; print the settings (secrets masked)
          --help         this text
          hash-password  read a password on standard input, print its argon2id hash (for the agents file)
          generate-report-data [--tickets N] [--responses N] [--days N] [--dealers N] [--seed N]
                         fill the configured store with a synthetic year of tickets and survey responses
                         (benchmarks and demos of the reports; never on a live store)
          rebuild-report-figures
                         write the report figures of the configured store (GATEWAY_DATA_DIR or REDIS_URL)
                         from every ticket, survey sent and response: for data written before the reports.
                         Run it with the gateway STOPPED: a ticket or survey written meanwhile may be left
                         out of the figures (run it again to count it)

        Exit status: 0 fine, 1 failed to start, 2 configuration or data error, 3 Redis or RT unreachable (--check).
        Without GATEWAY_DIALOGS_DIR / FAQ_DIR / GATEWAY_GRADING_FILE / GATEWAY_DEALERS_FILE / RT_ROUTING_FILE
        the gateway reads ./dialogs, ./knowledge-base, ./config/... when present, else its built-in copies.

        Environment variables (also accepted as keys of the YAML file named by GATEWAY_CONFIG_FILE):
        """);
    int width = Variables.ALL.stream().mapToInt(v -> v.name().length()).max().orElse(0);
    for (Variable v : Variables.ALL) {
      out.append("  ").append(pad(v.name(), width)).append("  ").append(v.meaning())
          .append("\n  ").append(" ".repeat(width)).append("  default: ").append(v.defaultValue())
          .append(v.environmentOnly() ? " (environment only)" : "").append('\n');
    }
    return new CommandResult(ExitCodes.OK, out.toString());
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
