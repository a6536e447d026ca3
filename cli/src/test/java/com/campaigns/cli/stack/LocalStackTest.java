package com.campaigns.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

  @TempDir Path dir;

  @Test
  void tokensAreWrittenForTheOwnerOnlyAndTheApiGetsTheirHashes() throws IOException {
    Tokens tokens = Tokens.random("local");
    tokens.writeTo(dir);

    assertThat(Files.readString(dir.resolve("local-token")))
        .isEqualTo(tokens.marketer())
        .hasSize(64);
    assertThat(Files.readString(dir.resolve("local-ops-token"))).isEqualTo(tokens.ops());
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("local-token"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("local-ops-token"))))
        .isEqualTo("rw-------");
    assertThat(tokens.apiArgs())
        .contains(
            "--campaigns.security.tokens[0].name=local",
            "--campaigns.security.tokens[1].name=local-ops",
            "--campaigns.security.tokens[1].roles=ops,admin,approver",
            "--campaigns.security.tokens[2].name=local-codec",
            "--campaigns.security.tokens[2].role=codec",
            "--campaigns.security.tokens[0].sha256=" + Tokens.sha256(tokens.marketer()))
        .noneMatch(
            a ->
                a.contains(tokens.marketer())
                    || a.contains(tokens.ops())
                    || a.contains(tokens.codec()));
    assertThat(Files.readString(dir.resolve("local-codec-token"))).isEqualTo(tokens.codec());
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("local-codec-token"))))
        .isEqualTo("rw-------");
  }

  @Test
  void freePortsAreNeverTheLocalStacksFixedOnes() {
    for (int i = 0; i < 50; i++) {
      assertThat(Pinned.RESERVED_PORTS).doesNotContain(Ports.free());
    }
  }

  @Test
  void aTakenPortIsNamedWithHowToFindItsProcess() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> Preflight.checkPort(port, "API"))
          .isInstanceOf(StackException.class)
          .hasMessageContaining("port " + port + " (API) is already in use on 127.0.0.1")
          .hasMessageContaining("ss -ltnp 'sport = :" + port + "'");
    }
  }

  @Test
  void aProcessThatExitsDuringStartupIsReportedWithItsLog() {
    Path log = dir.resolve("logs/broken.log");
    StackProcess p =
        new StackProcess("broken", List.of("sh", "-c", "echo cannot bind; exit 3"), dir, log)
            .start();

    assertThatThrownBy(() -> p.awaitReady("GET /ready", Duration.ofSeconds(20), () -> false))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("broken exited (code 3) before GET /ready")
        .hasMessageContaining(log.toString())
        .hasMessageContaining("cannot bind");
  }

  @Test
  void aRestartAppendsToTheLogAndAStopEndsTheProcess() throws IOException {
    Path log = dir.resolve("sleeper.log");
    StackProcess p =
        new StackProcess("sleeper", List.of("sh", "-c", "echo up; exec sleep 60"), dir, log);
    p.start();
    p.awaitReady("it printed", Duration.ofSeconds(20), () -> read(log).contains("up"));
    p.stop(Duration.ofSeconds(5));
    assertThat(p.alive()).isFalse();

    p.start();
    p.awaitReady(
        "it printed again",
        Duration.ofSeconds(20),
        () -> read(log).lines().filter("up"::equals).count() == 2);
    p.kill();
    assertThat(p.alive()).isFalse();
    assertThat(read(log)).contains("===== ").contains("sleeper: sh -c");
  }

  @Test
  void aMissingJarIsNamedBeforeAnythingStarts() {
    LocalStack stack =
        new LocalStack(
            StackOptions.builder(dir).freePortsUnder(dir.resolve("stack")).say(line -> {}).build());

    assertThatThrownBy(stack::start)
        .isInstanceOf(StackException.class)
        .hasMessageContaining(dir.resolve("sandbox/target/sandbox-exec.jar") + " is missing");
    assertThat(stack.processes()).noneMatch(StackProcess::alive);
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }
}
