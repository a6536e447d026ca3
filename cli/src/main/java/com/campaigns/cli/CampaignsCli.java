package com.campaigns.cli;

import com.campaigns.cli.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code campaigns-cli}: talks to the REST API (and, for the demo, to the sandbox's admin API). */
@Command(
    name = "campaigns-cli",
    mixinStandardHelpOptions = true,
    description = "Client of the voucher campaign API.",
    subcommands = {DemoCommand.class})
public final class CampaignsCli {

  public static void main(String[] args) {
    System.exit(new CommandLine(new CampaignsCli()).execute(args));
  }
}
