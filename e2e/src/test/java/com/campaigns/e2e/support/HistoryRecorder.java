package com.campaigns.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records the histories of the suite's campaigns for the workflow's replay corpus ({@code
 * ./campaigns record-histories}, i.e. {@code -De2e.record-histories=DIR}): after each test, every
 * closed campaign not recorded yet is written run by run, decrypted, to {@code
 * DIR/<release>/<kind>-run<N>.json} ({@code temporal workflow show -o json}, which {@code
 * WorkflowExecutionHistory.fromJson} reads). The kind is the campaign id without its run-unique
 * suffix ({@code campaign-e2e-cli-142233} → {@code cli}).
 */
public final class HistoryRecorder {

  private static final String ENCRYPTED =
      Base64.getEncoder().encodeToString("binary/encrypted".getBytes(StandardCharsets.UTF_8));

  private final Stack stack;
  private final Path dir;
  private final Set<String> recorded = new HashSet<>();

  private HistoryRecorder(Stack stack, Path dir) {
    this.stack = stack;
    this.dir = dir;
  }

  /**
   * A recorder when {@code e2e.record-histories} names a directory (relative to the project root).
   */
  public static Optional<HistoryRecorder> requested(Stack stack) {
    String target = System.getProperty("e2e.record-histories", "");
    if (target.isBlank() || target.startsWith("${")) {
      return Optional.empty();
    }
    Path root = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    String version = System.getProperty("e2e.version", "");
    if (version.isBlank() || version.startsWith("${")) {
      throw new IllegalStateException("e2e.version (the release the histories belong to) is unset");
    }
    Path dir = root.resolve(target).resolve(version.replace("-SNAPSHOT", "")).normalize();
    Console.step("recording campaign histories into %s", dir);
    return Optional.of(new HistoryRecorder(stack, dir));
  }

  /** Writes every closed campaign that is not recorded yet; running ones wait for a later call. */
  public synchronized void recordClosed() {
    JsonNode all =
        stack
            .cli()
            .run("workflow", "list", "--query", "WorkflowType='CampaignWorkflow'", "-o", "json")
            .json();
    Set<String> ids = new TreeSet<>();
    all.forEach(e -> ids.add(e.path("execution").path("workflowId").asText()));
    for (String id : ids) {
      if (!recorded.contains(id)) {
        record(id);
      }
    }
  }

  private void record(String workflowId) {
    List<JsonNode> runs = stack.cli().runs(workflowId);
    if (runs.isEmpty()
        || runs.stream()
            .anyMatch(r -> r.path("status").asText().equals("WORKFLOW_EXECUTION_STATUS_RUNNING"))) {
      return;
    }
    String kind = kind(workflowId);
    try {
      Files.createDirectories(dir);
      for (int n = 1; n <= runs.size(); n++) {
        String runId = runs.get(n - 1).path("execution").path("runId").asText();
        String json = decrypted(stack.cli().history(workflowId, runId));
        assertThat(json)
            .as("history of %s run %s", workflowId, runId)
            .doesNotContain(
                ENCRYPTED,
                stack.opsToken(),
                stack.marketerToken(),
                stack.codecToken(),
                "PRIVATE KEY");
        Path file = dir.resolve(kind + "-run" + n + ".json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        Console.step("recorded %s run %d (%s) → %s", workflowId, n, runId, file.getFileName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    recorded.add(workflowId);
  }

  /**
   * {@code campaign-e2e-cli-142233} → {@code cli}; {@code campaign-chaosab12-3} → {@code chaos-3}.
   */
  static String kind(String workflowId) {
    return workflowId
        .replaceFirst("^campaign-", "")
        .replaceFirst("-\\d{6}$", "")
        .replaceFirst("^e2e-", "")
        .replaceFirst("^chaos[0-9a-z]+-", "chaos-");
  }

  /**
   * What the CLI's codec pass leaves encoded: a payload it did not reach, and failures' message and
   * stack trace (the worker encrypts them into {@code encodedAttributes}). Both are decrypted
   * through the API's codec endpoint, as the worker's data converter would.
   */
  private String decrypted(String historyJson) throws IOException {
    JsonNode history = Http.JSON.readTree(historyJson);
    List<ObjectNode> encrypted = new ArrayList<>();
    List<ObjectNode> failures = new ArrayList<>();
    collect(history, encrypted, failures);
    if (!encrypted.isEmpty()) {
      ArrayNode payloads = Http.JSON.createArrayNode();
      encrypted.forEach(payloads::add);
      JsonNode decoded =
          stack.apiAsOps().post("/codec/decode", Map.of("payloads", payloads)).expect(200);
      for (int i = 0; i < encrypted.size(); i++) {
        ObjectNode p = encrypted.get(i);
        p.removeAll();
        p.setAll((ObjectNode) decoded.path("payloads").get(i));
      }
    }
    for (ObjectNode failure : failures) {
      JsonNode attributes =
          Http.JSON.readTree(
              Base64.getDecoder().decode(failure.path("encodedAttributes").path("data").asText()));
      failure.put("message", attributes.path("message").asText());
      failure.put("stackTrace", attributes.path("stack_trace").asText());
      failure.remove("encodedAttributes");
    }
    return Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(history);
  }

  private static void collect(
      JsonNode node, List<ObjectNode> encrypted, List<ObjectNode> failures) {
    if (node instanceof ObjectNode o) {
      if (ENCRYPTED.equals(o.path("metadata").path("encoding").asText())) {
        encrypted.add(o);
      }
      if (o.has("encodedAttributes")) {
        failures.add(o);
      }
    }
    node.forEach(child -> collect(child, encrypted, failures));
  }
}
