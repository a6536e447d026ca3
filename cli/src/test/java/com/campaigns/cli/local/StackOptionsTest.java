package com.campaigns.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of up and demo are checked before anything starts. */
class StackOptionsTest {

  @Test
  void workersOutsideOneToEightAreRefused() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new UpCommand()).setErr(new PrintWriter(err));

    assertThat(cli.execute("--workers", "9")).isEqualTo(2);
    assertThat(err.toString()).contains("--workers takes a number from 1 to 8, got '9'");
  }

  @Test
  void onlySandboxSettingsPassThrough() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new LocalDemoCommand()).setErr(new PrintWriter(err));

    assertThat(cli.execute("--sandbox.flow.ready=after-end", "--bogus")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown option: --bogus");
  }

  @Test
  void sandboxSettingsAreCollected() {
    UpCommand up = new UpCommand();
    new CommandLine(up)
        .parseArgs("--workers", "2", "--test-server", "--sandbox.flow.ready=after-end");

    assertThat(up.options.sandboxArgs(up.unmatched))
        .containsExactly("--sandbox.flow.ready=after-end");
    assertThat(up.options.workers).isEqualTo(2);
    assertThat(up.options.testServer()).isTrue();
  }
}
