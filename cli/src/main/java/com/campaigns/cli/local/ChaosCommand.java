package com.campaigns.cli.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./campaigns chaos}: ChaosIT of the real-server suite, alone, with its sizes
 * (docs/reliability.md).
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description = "The fault campaign on the real dev server (docs/reliability.md).")
final class ChaosCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "5",
      description = "campaigns (${DEFAULT-VALUE})")
  int runs;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "20261127",
      description = "seed (${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--parallel",
      paramLabel = "P",
      defaultValue = "5",
      description = "campaigns at a time (${DEFAULT-VALUE})")
  int parallel;

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || parallel < 1) {
      throw new ParameterException(
          spec.commandLine(), "--runs and --parallel must be positive whole numbers");
    }
    return Launch.guarded(
        () -> {
          Path cli = Launch.requireTemporalCli("the fault campaign needs it");
          Path logs = Launch.logs();
          Map<String, String> env = Map.of("CAMPAIGNS_TEMPORAL_CLI", cli.toString());
          Launch.say("▶ building the exec jars (log: .data/logs/chaos-build.log)");
          if (Launch.quiet(
                  List.of("./mvnw", "-B", "-q", "install", "-DskipTests"),
                  env,
                  logs.resolve("chaos-build.log"))
              != 0) {
            return Launch.fail("the build failed: see .data/logs/chaos-build.log");
          }
          Launch.say(
              "▶ fault campaign: "
                  + runs
                  + " runs, seed "
                  + seed
                  + ", "
                  + parallel
                  + " at a time (progress: .data/logs/chaos.log)");
          Path summary = Launch.root().resolve("e2e/target/chaos/summary.txt");
          Files.deleteIfExists(summary);
          int rc =
              Launch.quiet(
                  List.of(
                      "./mvnw",
                      "-B",
                      "-pl",
                      "e2e",
                      "verify",
                      "-Preal-server",
                      "-Dit.test=ChaosIT",
                      "-Dfailsafe.failIfNoSpecifiedTests=false",
                      "-Dchaos.runs=" + runs,
                      "-Dchaos.seed=" + seed,
                      "-Dchaos.parallel=" + parallel,
                      "-Dchaos.report=" + Launch.root().resolve("docs/reliability.md"),
                      "-De2e.timeout-seconds=" + (runs * 400 + 1800)),
                  env,
                  logs.resolve("chaos.log"));
          if (!Files.exists(summary)) {
            Launch.tail(logs.resolve("chaos.log"), 40);
            return Launch.fail(
                "the fault campaign did not run to its end: see .data/logs/chaos.log");
          }
          if (rc != 0) {
            Launch.say(
                "✗ some runs failed a check (details above and in .data/logs/chaos.log); report: "
                    + "docs/reliability.md");
          }
          Launch.say(Files.readString(summary).stripTrailing());
          return rc;
        });
  }
}
