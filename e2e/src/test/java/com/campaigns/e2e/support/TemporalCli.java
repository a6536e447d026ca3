package com.campaigns.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code temporal} CLI as ops run it, pointed at the suite's dev server. Every command is
 * echoed to the console as a shell line, so the build log doubles as a transcript of the runbook's
 * commands.
 */
public final class TemporalCli {

  /** What a command printed and how it exited. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {

    public Result assertOk() {
      assertThat(exitCode)
          .as("exit code of %s\nstdout: %s\nstderr: %s", String.join(" ", command), stdout, stderr)
          .isZero();
      return this;
    }

    public JsonNode json() {
      assertOk();
      try {
        return stdout.isBlank() ? Http.JSON.createArrayNode() : Http.JSON.readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("not JSON from " + String.join(" ", command) + ": " + stdout, e);
      }
    }
  }

  private final Path binary;
  private final String address;
  private final String codecEndpoint;
  private final String codecAuth;

  /**
   * Workflow commands decode payloads through the API's codec endpoint, as ops configure the CLI.
   */
  TemporalCli(Path binary, String address, String codecEndpoint, String codecAuth) {
    this.binary = binary;
    this.address = address;
    this.codecEndpoint = codecEndpoint;
    this.codecAuth = codecAuth;
  }

  public Path binary() {
    return binary;
  }

  public String address() {
    return address;
  }

  /** Runs {@code temporal <args> --address <dev server>}. */
  public Result run(String... args) {
    return run(true, args);
  }

  Result run(boolean echo, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    command.add("--address");
    command.add(address);
    if (args.length > 0 && args[0].equals("workflow")) {
      command.addAll(List.of("--codec-endpoint", codecEndpoint, "--codec-auth", codecAuth));
    }
    if (echo) {
      Console.step("$ temporal %s", String.join(" ", quoted(args)));
    }
    try {
      Path out = java.nio.file.Files.createTempFile("temporal-cli-", ".out");
      Path err = java.nio.file.Files.createTempFile("temporal-cli-", ".err");
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
        }
        return new Result(
            command,
            p.exitValue(),
            java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
            java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        java.nio.file.Files.deleteIfExists(out);
        java.nio.file.Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code temporal workflow list --query <query>}: the workflow ids found. */
  public List<String> listWorkflowIds(String query) {
    JsonNode list = run("workflow", "list", "--query", query, "-o", "json").json();
    List<String> ids = new ArrayList<>();
    list.forEach(e -> ids.add(e.path("execution").path("workflowId").asText()));
    return ids;
  }

  /** {@code temporal workflow query --type status}: the campaign's status document. */
  public JsonNode status(String workflowId) {
    JsonNode answer =
        run("workflow", "query", "--workflow-id", workflowId, "--type", "status", "-o", "json")
            .json();
    return answer.path("queryResult").path(0);
  }

  /** {@code temporal workflow signal --name <name> --input <json>}. */
  public void signal(String workflowId, String name, String inputJson) {
    run("workflow", "signal", "--workflow-id", workflowId, "--name", name, "--input", inputJson)
        .assertOk();
  }

  /** {@code temporal workflow describe -o json}. */
  public JsonNode describe(String workflowId) {
    return run("workflow", "describe", "--workflow-id", workflowId, "-o", "json").json();
  }

  /**
   * The runs of {@code workflowId} (a continue-as-new or a reset starts another), oldest first, as
   * {@code temporal workflow list -o json} lists them (execution.runId, status, startTime).
   */
  public List<JsonNode> runs(String workflowId) {
    JsonNode list =
        run("workflow", "list", "--query", "WorkflowId='" + workflowId + "'", "-o", "json").json();
    List<JsonNode> runs = new ArrayList<>();
    list.forEach(runs::add);
    runs.sort(Comparator.comparing((JsonNode r) -> Instant.parse(r.path("startTime").asText())));
    return runs;
  }

  /**
   * {@code temporal workflow show --run-id <runId> -o json --no-json-shorthand-payloads}: one run's
   * history, its payloads decrypted by the codec endpoint and kept as payloads (the JSON the SDK's
   * {@code WorkflowExecutionHistory.fromJson} reads).
   */
  public String history(String workflowId, String runId) {
    return run(
            "workflow",
            "show",
            "--workflow-id",
            workflowId,
            "--run-id",
            runId,
            "-o",
            "json",
            "--no-json-shorthand-payloads")
        .assertOk()
        .stdout();
  }

  /** True when the frontend answers for namespace default (quietly: used while waiting). */
  boolean ready() {
    return run(false, "operator", "namespace", "describe", "--namespace", "default").exitCode()
        == 0;
  }

  private static List<String> quoted(String... args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      if (a.matches("[A-Za-z0-9_./:=-]+")) {
        out.add(a);
      } else if (a.contains("'") && !a.matches(".*[\"$`\\\\].*")) {
        out.add('"' + a + '"');
      } else {
        out.add("'" + a.replace("'", "'\\''") + "'");
      }
    }
    return out;
  }
}
