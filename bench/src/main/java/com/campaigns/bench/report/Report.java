package com.campaigns.bench.report;

import static com.campaigns.bench.report.Formats.count;
import static com.campaigns.bench.report.Formats.f0;
import static com.campaigns.bench.report.Formats.f1;
import static com.campaigns.bench.report.Formats.f2;
import static com.campaigns.bench.report.Formats.f3;
import static com.campaigns.bench.report.Formats.met;
import static com.campaigns.bench.report.Formats.minutes;

import com.campaigns.bench.measure.Stats;
import com.campaigns.bench.stack.BenchStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's results: docs/benchmarks.md, docs/benchmarks.csv and docs/images/benchmarks.png.
 */
public final class Report {

  public static final double RATIO_TARGET = 0.9;
  public static final double HISTORY_TARGET = 60;
  public static final double MEMORY_TARGET = 0.10;

  private final Results r;

  public Report(Results results) {
    this.r = results;
  }

  public void write(Path docs) throws IOException {
    Files.createDirectories(docs.resolve("images"));
    new ResultsCsv(r).write(docs.resolve("benchmarks.csv"));
    new ResultsChart(r).write(docs.resolve("images/benchmarks.png"));
    Files.writeString(docs.resolve("benchmarks.md"), markdown(), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ summary

  /** Rows of the summary table: what, target, measured, met. */
  public List<String[]> summary() {
    List<String[]> rows = new ArrayList<>();
    if (!r.pairs.isEmpty()) {
      rows.add(
          new String[] {
            "1. ceiling (SDK loop, C=" + r.sizes.concurrency() + ")",
            "—",
            f0(r.medianCeiling()) + " coupons/s",
            "—"
          });
      rows.add(
          new String[] {
            "2. full stack / ceiling",
            "≥ 0.9",
            f3(r.medianRatio()) + " (full " + f0(r.medianFull()) + " coupons/s)",
            met(r.medianRatio() >= RATIO_TARGET)
          });
    }
    if (!r.rates.isEmpty()) {
      long windows = r.rates.stream().mapToLong(x -> x.windows().counts().size()).sum();
      long within = r.rates.stream().mapToLong(x -> x.windows().withinTarget()).sum();
      long above = r.rates.stream().mapToLong(x -> x.windows().above()).sum();
      double worstLow = r.rates.stream().mapToDouble(x -> x.windows().minPercent()).min().orElse(0);
      double worstHigh =
          r.rates.stream().mapToDouble(x -> x.windows().maxPercent()).max().orElse(0);
      rows.add(
          new String[] {
            "3. rate fidelity, 1-s windows at 50/200/500 per s, 1 and 2 workers",
            "95–100 %, never above",
            within
                + " of "
                + windows
                + " windows in 95–100 %, "
                + above
                + " above; range "
                + f1(worstLow)
                + "–"
                + f1(worstHigh)
                + " %",
            met(above == 0 && within == windows)
          });
    }
    Results.History largest = Formats.largestHistory(r);
    if (largest != null) {
      rows.add(
          new String[] {
            "4. history events per 10 000 coupons ("
                + count(largest.coupons())
                + " coupons, "
                + largest.runs()
                + (largest.runs() == 1 ? " run)" : " runs)"),
            "≤ 60",
            f1(largest.per10k()),
            met(largest.per10k() <= HISTORY_TARGET)
          });
    }
    if (r.memory.size() >= 2) {
      List<Long> maxima = r.memory.stream().map(Results.Memory::maxBytes).toList();
      double spread = Stats.spreadAroundMedian(maxima);
      StringBuilder sizes = new StringBuilder();
      for (Results.Memory m : r.memory) {
        sizes
            .append(sizes.length() == 0 ? "" : ", ")
            .append(count(m.recipients()))
            .append(": ")
            .append(f0(m.maxBytes() / 1e6))
            .append(" MB");
      }
      List<Double> medians =
          r.memory.stream()
              .filter(m -> !m.samplesBytes().isEmpty())
              .map(m -> Stats.median(m.samplesBytes()))
              .toList();
      rows.add(
          new String[] {
            "5. worker heap after GC (max of the samples)",
            "flat within ±10 %",
            sizes
                + " (±"
                + f1(spread * 100)
                + " % around their median; the samples' medians ±"
                + f1(Stats.spreadAroundMedian(medians) * 100)
                + " %)",
            met(spread <= MEMORY_TARGET)
          });
    }
    if (r.scale != null) {
      rows.add(
          new String[] {
            "6. " + count(r.scale.recipients()) + " recipients in " + r.scale.waves() + " waves",
            "COMPLETED",
            r.scale.status()
                + ", "
                + count(r.scale.issued())
                + " issued, "
                + minutes(r.scale.secondsToEnd())
                + " to the end; issuance "
                + minutes(r.scale.issuance().seconds())
                + " at "
                + f0(r.scale.issuance().perSecond())
                + "/s; sandbox "
                + f2(r.scale.issuance().cpuMillisPerCall("sandbox"))
                + " ms CPU per call",
            met("COMPLETED".equals(r.scale.status()) && r.scale.issued() == r.scale.recipients())
          });
    }
    r.failures.forEach(
        (phase, why) -> rows.add(new String[] {phase, "runs", "FAILED: " + why, "no"}));
    return rows;
  }

  // ------------------------------------------------------------------ markdown

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append("Written by `./campaigns bench")
        .append("quick".equals(r.sizes.name()) ? " --quick" : "")
        .append(r.sizes.reps() != 3 ? " --reps " + r.sizes.reps() : "")
        .append("` (module `bench`, ")
        .append("`com.campaigns.bench.BenchMain`), started ")
        .append(r.startedAt)
        .append(", ")
        .append(minutes(r.totalSeconds))
        .append(" in all. Raw numbers: [benchmarks.csv](benchmarks.csv). ")
        .append("These are benchmarks, not tests: no test asserts a duration.\n\n");
    md.append("- **Machine:** ")
        .append(r.machine)
        .append("; 1-minute load average at the start of each phase: ")
        .append(loads())
        .append(".\n");
    md.append("- **JDK:** ")
        .append(r.jdk)
        .append(". Worker `")
        .append(BenchStack.WORKER_JVM)
        .append("`, API and sandbox `")
        .append(BenchStack.OTHER_JVM)
        .append("` / `-Xmx3g`; Temporal CLI dev server ")
        .append(
            "(SQLite file); the ledger PostgreSQL in a cluster of its own (Debian's server), as in production,")
        .append(" so the worker's heap and CPU are its own.\n");
    if (r.crypto != null) {
      md.append("- **RSA provider** (signing and verifying, one each per coupon): ")
          .append(r.crypto)
          .append(".\n");
    }
    md.append("- **Sizes (")
        .append(r.sizes.name())
        .append("):** ceiling and full stack ")
        .append(count(r.sizes.throughputRecipients()))
        .append(" coupons per run, ")
        .append(r.sizes.reps())
        .append(" repetitions after a warm-up of ")
        .append(count(r.sizes.warmupRecipients()))
        .append(", concurrency C = ")
        .append(r.sizes.concurrency())
        .append("; rate waves ")
        .append(r.sizes.rateSeconds())
        .append(" s each; memory at ");
    for (Results.Memory m : r.memory) {
      md.append(count(m.recipients())).append(" ");
    }
    md.append("recipients; scale ")
        .append(count(r.sizes.scaleRecipients()))
        .append(" recipients in ")
        .append(r.sizes.scaleWaves())
        .append(" waves.\n");
    md.append("- **Stack:** started in ")
        .append(f0(r.stackStartSeconds))
        .append(
            " s; one sandbox instance for every measurement, send limit and merchant ceiling lifted to ")
        .append(count(BenchStack.NO_LIMIT))
        .append("/s.\n\n");

    md.append("## Summary\n\n");
    summaryTable(md);
    md.append("\n![Ceiling and full stack, rate fidelity, worker heap](images/benchmarks.png)\n\n");

    SpeedSections speed = new SpeedSections(r);
    speed.throughput(md);
    speed.rates(md);
    FootprintSections footprint = new FootprintSections(r);
    footprint.history(md);
    footprint.memory(md);
    footprint.scale(md);
    footprint.method(md);

    md.append("## Closing note\n\n");
    md.append("The run's results, as in the summary:\n\n");
    summaryTable(md);
    md.append("\n");
    if (!r.failures.isEmpty()) {
      md.append(
          "Phases that failed are listed with their error; their logs are under `.data/bench/`.\n");
    }
    return md.toString();
  }

  private void summaryTable(StringBuilder md) {
    md.append("| measurement | target | measured (median) | met |\n|---|---|---|---|\n");
    for (String[] row : summary()) {
      md.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
  }

  private String loads() {
    StringBuilder b = new StringBuilder();
    r.loadAtStart.forEach(
        (phase, load) ->
            b.append(b.length() == 0 ? "" : ", ").append(phase).append(" ").append(f1(load)));
    return b.toString();
  }
}
