package com.campaigns.cli.local;

import com.campaigns.cli.stack.LocalStack;
import com.campaigns.cli.stack.StackProcess;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code ./campaigns up}: the local stack in the foreground until Ctrl-C, which stops it in order.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Run the local stack in the foreground until Ctrl-C: Temporal, the WeChat Pay "
            + "sandbox, the worker and the API; --sandbox.KEY=VALUE settings go to the sandbox.")
final class UpCommand extends StackCommand {

  @Override
  public Integer call() throws Exception {
    List<String> sandboxArgs = options.sandboxArgs(unmatched);
    return Launch.guarded(
        () -> {
          LocalStack stack = Launch.startLocal(options, sandboxArgs, List.of());
          Launch.printUrls(stack);
          Launch.say("");
          Launch.say("Press Ctrl-C to stop everything.");
          while (true) {
            Optional<StackProcess> dead = stack.firstDead();
            if (dead.isPresent() && !stack.closed()) {
              Launch.fail(dead.get().name() + " stopped unexpectedly. " + dead.get().tail(40));
              stack.close();
              return 1;
            }
            StackProcess.sleep(1000);
          }
        });
  }
}
