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
