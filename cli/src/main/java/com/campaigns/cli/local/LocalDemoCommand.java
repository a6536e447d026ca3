package com.campaigns.cli.local;

import com.campaigns.cli.stack.LocalStack;
import com.campaigns.cli.stack.Pinned;
import com.campaigns.cli.stack.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code ./campaigns demo}: starts the local stack, runs the sample campaign ({@code scenario}, in
 * a JVM of its own) against it, prints its reconciliation report and stops the stack. A Ctrl-C
 * reaches the scenario first, which cancels its campaign, and then the stack stops.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start the local stack, run a sample campaign end to end through the REST API, "
            + "print its reconciliation report, stop the stack.")
final class LocalDemoCommand extends StackCommand {

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    // Flow files right after the stock ends (WeChat Pay: the next day at 10:00), quick notification
    // retries.
    List<String> sandboxArgs =
        new ArrayList<>(
            List.of("--sandbox.flow.ready=after-end", "--sandbox.notify.retry-interval=5s"));
    sandboxArgs.addAll(options.sandboxArgs(unmatched));
    return Launch.guarded(
        () -> {
          // Segments of 100 recipients: the status document, updated per segment, moves every ~2 s.
          List<String> apiArgs = List.of("--campaigns.workflow.segment-size=100");
          try (LocalStack stack = Launch.startLocal(options, sandboxArgs, apiArgs)) {
            Launch.printUrls(stack);
            List<String> args =
                new ArrayList<>(
                    List.of(
                        "scenario",
                        "--api",
                        stack.apiUrl(),
                        "--token-file",
                        Pinned.DATA_DIR + "/" + Tokens.MARKETER_FILE,
                        "--sandbox",
                        stack.sandboxUrl()));
            stack.uiUrl().ifPresent(ui -> args.addAll(List.of("--temporal-ui", ui)));
            int code =
                Launch.foreground(
                    Launch.java(List.of(), Pinned.jar(Launch.root(), Pinned.CLI), args), Map.of());
            Launch.say("");
            Launch.say(
                "demo finished in "
                    + (System.nanoTime() - t0) / 1_000_000_000L
                    + " s (stack ready in "
                    + stack.readySeconds()
                    + " s), exit code "
                    + code);
            if (stack.temporal() != LocalStack.Temporal.DEV_SERVER) {
              Launch.say(
                  options.testServer()
                      ? "(no Temporal Web UI link: the Java test server ran, as asked)"
                      : "(no Temporal Web UI link: the Java test server ran, because the Temporal CLI could not be installed)");
            }
            return code;
          }
        });
  }
}
