package com.campaigns.cli.local;

import com.campaigns.cli.stack.Pinned;
import com.campaigns.cli.stack.Preflight;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./campaigns sandbox [args]}: the WeChat Pay sandbox alone in the foreground; the arguments
 * go to it.
 */
@Command(
    name = "sandbox",
    description = "Run the WeChat Pay sandbox alone in the foreground (arguments go to it).")
final class SandboxCommand implements Callable<Integer> {

  @Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return Launch.guarded(
        () -> {
          if (args.stream().noneMatch(a -> a.startsWith("--server.port="))) {
            Preflight.checkPort(Pinned.SANDBOX_PORT, "sandbox");
          }
          Launch.say(
              "▶ the sandbox on http://127.0.0.1:"
                  + Pinned.SANDBOX_PORT
                  + " (Ctrl-C stops it); admin API: docs/sandbox.md");
          return Launch.foreground(
              Launch.java(List.of(), Pinned.jar(Launch.root(), Pinned.SANDBOX), args), Map.of());
        });
  }
}
