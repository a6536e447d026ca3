package com.campaigns.cli.local;

import com.campaigns.cli.stack.Pinned;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./campaigns bench}: runs module bench's jar, which starts its own stack on free ports
 * (docs/benchmarks.md). The last line it prints is {@code full/ceiling = R}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure throughput, rate fidelity, history size, memory and a 1M-recipient "
            + "campaign; writes docs/benchmarks.md, docs/benchmarks.csv and docs/images/benchmarks.png.")
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--quick", description = "small sizes, a few minutes")
  boolean quick;

  @Option(names = "--reps", paramLabel = "N", description = "repetitions, default 3")
  Integer reps;

  @Option(
      names = "--only",
      paramLabel = "PHASES",
      description =
          "throughput,rate,memory,scale: those phases, report under .data/bench/run-*/report")
  String only;

  @Override
  public Integer call() throws Exception {
    return Launch.guarded(
        () -> {
          Path cli = Launch.requireTemporalCli("the bench runs on the real dev server");
          // A copy, as the bench copies the jars it starts: a build during a long run cannot pull
          // one away.
          Path root = Launch.root();
          Path jar =
              root.resolve(Pinned.DATA_DIR).resolve("bench").resolve(Pinned.jarName(Pinned.BENCH));
          Files.createDirectories(jar.getParent());
          Files.copy(Pinned.jar(root, Pinned.BENCH), jar, StandardCopyOption.REPLACE_EXISTING);
          List<String> args =
              new ArrayList<>(List.of("--root", root.toString(), "--temporal-cli", cli.toString()));
          if (quick) {
            args.add("--quick");
          }
          if (reps != null) {
            args.addAll(List.of("--reps", String.valueOf(reps)));
          }
          if (only != null) {
            args.addAll(List.of("--only", only));
          }
          return Launch.foreground(
              Launch.java(List.of("-Djava.awt.headless=true"), jar, args), Map.of());
        });
  }
}
