package com.campaigns.cli.local;

import com.campaigns.cli.stack.LocalStack;
import com.campaigns.cli.stack.StackProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./campaigns up}: the local stack in the foreground until Ctrl-C, which stops it in order.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Run the local stack in the foreground until Ctrl-C: Temporal, the WeChat Pay "
            + "sandbox, the worker and the API; --sandbox.KEY=VALUE settings go to the sandbox.")
final class UpCommand implements Callable<Integer> {

  @Mixin StackMixin options;

  /** {@code --sandbox.KEY=VALUE} settings (picocli has no prefix options). */
  @Unmatched List<String> unmatched = new ArrayList<>();

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
