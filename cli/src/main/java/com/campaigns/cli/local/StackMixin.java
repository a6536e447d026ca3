package com.campaigns.cli.local;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of {@code up} and {@code demo}: which Temporal, how many workers, settings for the
 * sandbox.
 */
final class StackMixin {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--test-server",
      description =
          "use the embedded Java test server even if the Temporal CLI is "
              + "available (also CAMPAIGNS_TEMPORAL=test-server)")
  boolean testServer;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "1",
      description = "run N workers on the task queue (metrics ports 8081, 8082, …), default 1")
  int workers;

  @Option(
      names = "--postgres",
      description =
          "keep the ledger in a PostgreSQL cluster of the stack's own under .data/postgres"
              + " (Debian's server, 15 or newer), production's engine, instead of the embedded H2 file")
  boolean postgres;

  boolean testServer() {
    return testServer || "test-server".equals(System.getenv("CAMPAIGNS_TEMPORAL"));
  }

  /**
   * The {@code --sandbox.KEY=VALUE} settings among a command's unmatched arguments; anything else
   * is an error.
   */
  List<String> sandboxArgs(List<String> unmatched) {
    if (workers < 1 || workers > 8) {
      throw new ParameterException(
          spec.commandLine(), "--workers takes a number from 1 to 8, got '" + workers + "'");
    }
    for (String arg : unmatched) {
      if (!arg.startsWith("--sandbox.")) {
        throw new ParameterException(spec.commandLine(), "unknown option: " + arg);
      }
    }
    return List.copyOf(unmatched);
  }
}
