package com.campaigns.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackCommandsTest {

  @Test
  void anAddedApisArgumentsReplaceTheStacksArgumentsOfTheSameKey() {
    List<String> stack =
        List.of(
            "--campaigns.workflow.segment-size=200",
            "--campaigns.workflow.flow-retry-interval=5s",
            "--debug");

    assertThat(
            StackCommands.overriding(
                stack,
                List.of(
                    "--campaigns.workflow.segment-size=20",
                    "--campaigns.workflow.max-run-events=500")))
        .containsExactly(
            "--campaigns.workflow.flow-retry-interval=5s",
            "--debug",
            "--campaigns.workflow.segment-size=20",
            "--campaigns.workflow.max-run-events=500");
    assertThat(StackCommands.overriding(stack, List.of())).isEqualTo(stack);
  }
}
