package com.campaigns.cli.local;

import com.campaigns.cli.stack.LocalStack;
import com.campaigns.cli.stack.Pinned;
import com.campaigns.cli.stack.PrivatePostgres;
import com.campaigns.cli.stack.StackException;
import com.campaigns.cli.stack.StackOptions;
import com.campaigns.cli.stack.StackProcess;
import com.campaigns.cli.stack.TemporalCli;
import com.campaigns.cli.stack.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * What the launcher's commands share: the project's root, JAVA_OPTS, the local stack and its URLs,
 * child JVMs.
 */
final class Launch {

  private Launch() {}

  /** The launcher runs from the project's root. */
  static Path root() {
    return Path.of("").toAbsolutePath();
  }

  static Path logs() {
    return root().resolve(Pinned.LOGS_DIR);
  }

  /** {@code JAVA_OPTS}, split on whitespace: options of every JVM the launcher starts. */
  static List<String> javaOpts() {
    String opts = System.getenv().getOrDefault("JAVA_OPTS", "").trim();
    return opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+"));
  }

  static List<String> java(List<String> options, Path jar, List<String> args) {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(javaOpts());
    command.addAll(options);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(args);
    return command;
  }

  static void say(String line) {
    System.out.println(line);
  }

  static int fail(String message) {
    System.out.flush();
    System.err.println();
    System.err.println("✗ " + message);
    return 1;
  }

  /**
   * The local stack on the fixed ports, state and logs under .data/, fresh tokens in
   * .data/local-token and .data/local-ops-token: the dev server unless the test server is asked for
   * or the Temporal CLI cannot be installed. Stopped in order when the JVM ends (Ctrl-C included).
   */
  static LocalStack startLocal(StackMixin options, List<String> sandboxArgs, List<String> apiArgs) {
    Path root = root();
    Path cli =
        options.testServer()
            ? null
            : TemporalCli.findOrInstall(root, logs(), Launch::say).orElse(null);
    String ledgerUrl = null;
    if (options.postgres) {
      PrivatePostgres postgres =
          PrivatePostgres.start(root.resolve(Pinned.DATA_DIR).resolve("postgres"), Launch::say);
      ledgerUrl = postgres.jdbcUrl();
      say("  the ledger is PostgreSQL: " + ledgerUrl);
    }
    LocalStack stack =
        new LocalStack(
            StackOptions.builder(root)
                .temporalCli(cli)
                .ledgerUrl(ledgerUrl)
                .workers(options.workers)
                .tokens("local", root.resolve(Pinned.DATA_DIR))
                .java(javaOpts())
                .sandboxArgs(sandboxArgs)
                .apiArgs(apiArgs)
                .startup(
                    Duration.ofSeconds(
                        Integer.parseInt(
                            System.getenv().getOrDefault("CAMPAIGNS_STARTUP_TIMEOUT", "180"))))
                .build());
    StackProcess.onShutdown(stack::close);
    return stack.start();
  }

  static void printUrls(LocalStack stack) {
    String api = stack.apiUrl();
    String tokenFile = Pinned.DATA_DIR + "/" + Tokens.MARKETER_FILE;
    say("");
    say("The local stack is up (ready in " + stack.readySeconds() + " s):");
    say("  API            " + api + "/api/v1/campaigns");
    say("  Swagger UI     " + api + "/swagger-ui.html");
    say("  Console        " + api + "/console (sign in with the local token)");
    say("  Local token    " + stack.tokens().marketer());
    say("                 (role marketer, name 'local'; also in " + tokenFile + "). Use it as");
    say(
        "                 curl -H \"Authorization: Bearer $(cat "
            + tokenFile
            + ")\" "
            + api
            + "/api/v1/campaigns");
    say(
        "  Ops token      in "
            + Pinned.DATA_DIR
            + "/"
            + Tokens.OPS_FILE
            + " (roles ops, admin, approver: steering, metrics, callbacks, approvals)");
    if (stack.uiUrl().isPresent()) {
      say(
          "  Temporal UI    "
              + stack.uiUrl().get()
              + " (payloads decrypted by the API's codec endpoint,");
      say(
          "                 "
              + api
              + "/codec/<codec token in "
              + Pinned.DATA_DIR
              + "/"
              + Tokens.CODEC_FILE
              + ">; docs/security.md)");
    } else {
      say(
          "  Temporal UI    none (the Java test server has no Web UI; without --test-server and with python3, "
              + "the dev server has one)");
    }
    say(
        "  Temporal gRPC  "
            + stack.temporalTarget()
            + " (namespace default, task queue campaigns)");
    say(
        "  Sandbox        "
            + stack.sandboxUrl()
            + "/sandbox/merchants (admin API: docs/sandbox.md)");
    for (LocalStack.Worker w : stack.workers()) {
      say(
          "  Metrics        "
              + w.url()
              + "/actuator/prometheus ("
              + w.name()
              + "; health: /actuator/health)");
    }
    say("  Logs           " + Pinned.LOGS_DIR + "/ (temporal, sandbox, worker, api .log)");
  }

  /**
   * Runs a child process in the foreground (same terminal, so a Ctrl-C reaches it too) and answers
   * its exit code; when this JVM ends first, it waits for the child before anything else stops.
   */
  static int foreground(List<String> command, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile()).inheritIO();
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
    StackProcess.onShutdown(
        () -> {
          try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
              p.destroyForcibly();
            }
          } catch (InterruptedException e) {
            p.destroyForcibly();
          }
        });
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      return 130;
    }
  }

  /** Runs a command with its output into {@code log}; answers its exit code. */
  static int quiet(List<String> command, Map<String, String> env, Path log)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    StackProcess.onShutdown(p::destroy);
    return p.waitFor();
  }

  /** Prints the last {@code lines} lines of a file. */
  static void tail(Path file, int lines) throws IOException {
    List<String> all = Files.readAllLines(file);
    all.subList(Math.max(0, all.size() - lines), all.size()).forEach(Launch::say);
  }

  /** The Temporal CLI for a command that cannot run without it. */
  static Path requireTemporalCli(String forWhat) {
    return TemporalCli.require(root(), logs(), Launch::say, forWhat);
  }

  /**
   * Runs {@code body}; a {@link StackException} becomes the launcher's "✗ message" and exit code 1.
   */
  static int guarded(Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (StackException e) {
      return fail(e.getMessage());
    }
  }
}
