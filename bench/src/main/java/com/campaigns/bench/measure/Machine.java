package com.campaigns.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the numbers were measured on. */
public final class Machine {

  private Machine() {}

  public static String describe() {
    String model = firstValue(Path.of("/proc/cpuinfo"), "model name");
    String memKb = firstValue(Path.of("/proc/meminfo"), "MemTotal");
    String memory =
        memKb == null
            ? "?"
            : String.format(
                "%.0f GB RAM", Long.parseLong(memKb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
    return Runtime.getRuntime().availableProcessors()
        + " cores"
        + (model == null ? "" : " (" + model + ")")
        + ", "
        + memory
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version");
  }

  /**
   * The RSA provider of this JVM (the hand-written loop: the SDK's defaults) and the ones the
   * stack's processes logged at start (worker and API: {@code NativeCrypto}; sandbox).
   */
  public static String crypto(java.nio.file.Path logs) {
    String loop;
    try {
      loop = java.security.Signature.getInstance("SHA256withRSA").getProvider().getName();
    } catch (java.security.NoSuchAlgorithmException e) {
      loop = "none";
    }
    StringBuilder out = new StringBuilder("the loop: " + loop);
    java.util.regex.Pattern line =
        java.util.regex.Pattern.compile("(RSA signing and verifying with|sandbox RSA with) (.*)$");
    try (var files = java.nio.file.Files.list(logs)) {
      for (java.nio.file.Path f : files.sorted().toList()) {
        try (var lines = java.nio.file.Files.lines(f)) {
          lines
              .map(line::matcher)
              .filter(java.util.regex.Matcher::find)
              .findFirst()
              .ifPresent(
                  m ->
                      out.append("; ")
                          .append(f.getFileName().toString().replace(".log", ""))
                          .append(": ")
                          .append(m.group(2)));
        } catch (java.io.UncheckedIOException | java.io.IOException e) {
          // a binary or vanished file: not a process log
        }
      }
    } catch (java.io.IOException e) {
      out.append("; the stack's logs cannot be read: ").append(e.getMessage());
    }
    return out.toString();
  }

  public static String jdk() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
  }

  /**
   * The 1-minute load average (runnable processes, ours and everyone else's), or -1 when unknown.
   */
  public static double load() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String firstValue(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }
}
