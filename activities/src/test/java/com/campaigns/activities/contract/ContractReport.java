package com.campaigns.activities.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run of the contract saw: for each behaviour the documentation leaves open, the answer
 * this WeChat Pay gave; for each the product relies on, the answer and what the product needs.
 * Written to {@code target/contract/<target>.md}.
 */
final class ContractReport {

  record Line(String observed, String needed) {}

  final Map<String, Line> unconfirmed = new LinkedHashMap<>();
  final Map<String, Line> relied = new LinkedHashMap<>();

  void unconfirmed(String behaviour, String observed) {
    unconfirmed.put(behaviour, new Line(observed, null));
  }

  void relied(String behaviour, String observed, String needed) {
    relied.put(behaviour, new Line(observed, needed));
  }

  void skipped(String behaviour, String why) {
    relied.put(behaviour, new Line("not run: " + why, "—"));
  }

  String observed(String behaviour) {
    Line line = unconfirmed.get(behaviour);
    return line == null ? null : line.observed();
  }

  void write(String target) {
    StringBuilder md = new StringBuilder();
    md.append("# WeChat Pay contract: ").append(target).append("\n\n");
    md.append("## Unconfirmed behaviours: the alternative this WeChat Pay showed\n\n");
    md.append("| behaviour | observed |\n|---|---|\n");
    unconfirmed.forEach(
        (k, v) -> md.append("| ").append(k).append(" | ").append(v.observed()).append(" |\n"));
    md.append(
        "\n## What the product relies on\n\n| behaviour | observed | needed |\n|---|---|---|\n");
    relied.forEach(
        (k, v) ->
            md.append("| ")
                .append(k)
                .append(" | ")
                .append(v.observed())
                .append(" | ")
                .append(v.needed())
                .append(" |\n"));
    try {
      Path dir = Path.of("target", "contract");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(target + ".md"), md);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
