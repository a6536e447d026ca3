package com.campaigns.cli;

import com.campaigns.cli.demo.DemoCommand;
import com.campaigns.cli.local.LocalCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code campaigns-cli}: talks to the REST API (and, for the demo, to the sandbox's admin API), and
 * runs the local stack for the launcher ({@code ./campaigns up}, {@code demo}, {@code sandbox},
 * {@code bench}, {@code chaos}).
 */
@Command(
    name = "campaigns-cli",
    mixinStandardHelpOptions = true,
    description = "Client of the voucher campaign API, and the local stack's launcher.",
    subcommands = {DemoCommand.class})
public final class CampaignsCli {

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new CampaignsCli());
    LocalCommands.addTo(cli);
    System.exit(cli.execute(args));
  }
}
