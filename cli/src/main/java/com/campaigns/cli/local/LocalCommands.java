package com.campaigns.cli.local;

import picocli.CommandLine;

/** Registers the launcher's commands (package-private, as nothing else calls them) on the cli. */
public final class LocalCommands {

  private LocalCommands() {}

  public static void addTo(CommandLine cli) {
    cli.addSubcommand(new UpCommand());
    cli.addSubcommand(new LocalDemoCommand());
    cli.addSubcommand(new SandboxCommand());
    cli.addSubcommand(new BenchCommand());
    cli.addSubcommand(new ChaosCommand());
    cli.addSubcommand(new TemporalCliCommand());
  }
}
