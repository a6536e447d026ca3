package com.campaigns.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

  @Test
  void audiencesAreFilesOnH2AndInTheDatabaseOnPostgres() {
    Path root = Path.of("/tmp/stack");
    StackOptions h2 = StackOptions.builder(root).audiencesDir(root.resolve("audiences")).build();
    StackOptions postgres =
        StackOptions.builder(root)
            .audiencesDir(root.resolve("audiences"))
            .ledgerUrl("jdbc:postgresql://127.0.0.1:5432/campaigns?user=campaigns")
            .build();

    assertThat(StackCommands.common(h2, "127.0.0.1:7233", "http://127.0.0.1:8090"))
        .contains("--campaigns.audiences.dir=/tmp/stack/audiences")
        .noneMatch(a -> a.startsWith("--campaigns.audiences.store"));
    assertThat(StackCommands.common(postgres, "127.0.0.1:7233", "http://127.0.0.1:8090"))
        .contains("--campaigns.audiences.store=database")
        .noneMatch(a -> a.startsWith("--campaigns.audiences.dir"));
  }
}
