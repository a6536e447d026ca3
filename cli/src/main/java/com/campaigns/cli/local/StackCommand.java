package com.campaigns.cli.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/**
 * A command that starts the local stack: {@code up} and {@code demo}, with their shared options.
 */
abstract class StackCommand implements Callable<Integer> {

  @Mixin StackMixin options;

  /** {@code --sandbox.KEY=VALUE} settings (picocli has no prefix options). */
  @Unmatched List<String> unmatched = new ArrayList<>();
}
