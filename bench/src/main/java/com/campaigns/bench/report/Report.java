package com.campaigns.bench.report;

import com.campaigns.bench.measure.Stats;
import com.campaigns.bench.stack.BenchStack;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes a run's results: docs/benchmarks.md, docs/benchmarks.csv and docs/images/benchmarks.png.
 */
public final class Report {

  public static final double RATIO_TARGET = 0.9;
  public static final double HISTORY_TARGET = 60;
  public static final double MEMORY_TARGET = 0.10;
  private static final String[] PROCESSES = {
    "bench", "worker", "sandbox", "ledger", "temporal", "api"
  };

  private final Results r;

  public Report(Results results) {
    this.r = results;
  }

  public void write(Path docs) throws IOException {
    Files.createDirectories(docs.resolve("images"));
    writeCsv(docs.resolve("benchmarks.csv"));
    writeChart(docs.resolve("images/benchmarks.png"));
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
    Results.History largest = largestHistory();
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

  private Results.History largestHistory() {
    return r.histories.stream()
        .max(java.util.Comparator.comparingLong(Results.History::coupons))
        .orElse(null);
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
            "(SQLite file); the ledger an H2 database served by its own process (`org.h2.tools.Server -tcp`, ")
        .append(
            "`-Xmx1g`), as production's ledger is a database server, so the worker's heap and CPU are its own.\n");
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

    throughput(md);
    rates(md);
    history(md);
    memory(md);
    scale(md);
    method(md);

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

  private void throughput(StringBuilder md) {
    if (!heading(
        md, "## 1–2. Ceiling and full stack", r.pairs.isEmpty(), "ceiling and full stack")) {
      return;
    }
    md.append(
            "Each repetition runs the **ceiling** (a bare wechatpay-java loop: C threads sign, send and verify, no ")
        .append(
            "Temporal, no ledger) and then the **full stack** (one campaign through the API, one wave of the same ")
        .append("size, no wave rate, same C: 2 segments in parallel × ")
        .append(r.sizes.concurrency() / 2)
        .append(
            " sends in flight each, the worker's default `concurrency-per-segment`) back to back; odd repetitions run the ceiling first, even ones the full stack. Both are timed by the sandbox's own send counter.\n\n");
    md.append(
            "| rep | ceiling coupons/s | full stack coupons/s | full/ceiling | failed sends of the loop |\n")
        .append("|---|---|---|---|---|\n");
    for (Results.Pair p : r.pairs) {
      md.append("| ")
          .append(p.rep())
          .append(" | ")
          .append(f0(p.ceiling().perSecond()))
          .append(" | ")
          .append(f0(p.full().perSecond()))
          .append(" | ")
          .append(f3(p.ratio()))
          .append(" | ")
          .append(p.ceilingFailures())
          .append(" |\n");
    }
    md.append("| **median** | **")
        .append(f0(r.medianCeiling()))
        .append("** | **")
        .append(f0(r.medianFull()))
        .append("** | **")
        .append(f3(r.medianRatio()))
        .append("** | |\n\n");
    md.append("### Where the time goes\n\n");
    md.append(
            "CPU milliseconds per coupon of each process during the measured interval (medians). Two cores give ")
        .append(
            "2 000 ms of CPU per second, so a total of T ms per coupon caps the rate near 2000/T coupons/s.\n\n");
    md.append("| process | ceiling | full stack |\n|---|---|---|\n");
    double totalC = 0;
    double totalF = 0;
    for (String p : PROCESSES) {
      double c = r.medianCpu(false, p);
      double f = r.medianCpu(true, p);
      totalC += c;
      totalF += f;
      md.append("| ")
          .append(p)
          .append(p.equals("bench") ? " (the ceiling loop's JVM)" : "")
          .append(" | ")
          .append(f2(c))
          .append(" | ")
          .append(f2(f))
          .append(" |\n");
    }
    md.append("| **total** | **")
        .append(f2(totalC))
        .append("** | **")
        .append(f2(totalF))
        .append("** |\n\n");
    double sandboxShareFull = r.medianCpu(true, "sandbox") / totalF;
    md.append("The sandbox itself costs ")
        .append(f2(r.medianCpu(true, "sandbox")))
        .append(" ms per call, ")
        .append(f0(sandboxShareFull * 100))
        .append(" % of the full stack's CPU. ");
    double clientCeiling = r.medianCpu(false, "bench");
    double clientFull =
        r.medianCpu(true, "worker")
            + r.medianCpu(true, "temporal")
            + r.medianCpu(true, "api")
            + r.medianCpu(true, "ledger");
    md.append("The client side costs ")
        .append(f2(clientCeiling))
        .append(" ms per coupon in the loop and ")
        .append(f2(clientFull))
        .append(
            " ms in the full stack (worker + Temporal + API + ledger database), so the full stack's extra work is ")
        .append(f2(clientFull - clientCeiling))
        .append(" ms per coupon.\n\n");
    double busyC = totalC * r.medianCeiling() / 10 / Runtime.getRuntime().availableProcessors();
    double busyF = totalF * r.medianFull() / 10 / Runtime.getRuntime().availableProcessors();
    md.append("At the median rates that is ")
        .append(f0(busyC))
        .append(" % of the machine's CPU for the ceiling and ")
        .append(f0(busyF))
        .append(" % for the full stack. When both saturate the cores, the ratio follows from the ")
        .append("CPU per coupon alone: ")
        .append(f2(totalC))
        .append(" / ")
        .append(f2(totalF))
        .append(" = ")
        .append(f3(totalC / totalF))
        .append(" (measured: ")
        .append(f3(r.medianRatio()))
        .append(").\n\n");
    if (r.profile != null && r.profile.samples() > 0) {
      long total = r.profile.samples();
      md.append("JFR profile of the worker during one more full-stack run of the same size (")
          .append(
              r.profiledRun == null
                  ? ""
                  : f0(r.profiledRun.perSecond()) + " coupons/s, not in the medians; ")
          .append("`jcmd <pid> JFR.start settings=profile`, ")
          .append(total)
          .append(" jdk.ExecutionSample events). ")
          .append(
              "A sample counts for the component of its top frame; generic JDK frames (collections, locks) count ")
          .append(
              "for their first caller that belongs to a component. Recording: `.data/bench/run-*/logs/worker-full-stack.jfr`.")
          .append("\n\n| component | share of worker samples |\n|---|---|\n");
      r.profile
          .byComponent()
          .forEach(
              (k, v) ->
                  md.append("| ")
                      .append(k)
                      .append(" | ")
                      .append(f1(100.0 * v / total))
                      .append(" % |\n"));
      md.append("\nHottest methods (top frame):\n\n| method | share |\n|---|---|\n");
      r.profile.topMethods().entrySet().stream()
          .limit(10)
          .forEach(
              e ->
                  md.append("| `")
                      .append(e.getKey())
                      .append("` | ")
                      .append(f1(100.0 * e.getValue() / total))
                      .append(" % |\n"));
      md.append("\n");
    }
    if (r.medianRatio() < RATIO_TARGET) {
      double sandboxC = r.medianCpu(false, "sandbox");
      double sandboxF = r.medianCpu(true, "sandbox");
      md.append("**Below the 0.9 target.** Where the time goes: the full stack costs ")
          .append(f2(totalF))
          .append(" ms of CPU per coupon against ")
          .append(f2(totalC))
          .append(" ms for the loop; ")
          .append(f2(clientFull - clientCeiling))
          .append(" ms of the difference are the client side's (the worker ")
          .append(
              "does what the loop does, signing, sending and verifying with the same SDK client, plus the ledger ")
          .append(
              "writes and send-slot reservations in H2, the issuance loop, heartbeats and Temporal; the JFR table ")
          .append("splits it) and ")
          .append(f2(Math.max(0, sandboxF - sandboxC)))
          .append(" ms the sandbox's (")
          .append(f2(sandboxF))
          .append(" ms per call under the full stack, ")
          .append(f2(sandboxC))
          .append(" under the loop). ");
      if (busyC >= 90 && busyF >= 90) {
        md.append("Both runs kept the two cores busy, so the CPU per coupon sets the ratio.");
      } else {
        md.append("The bench's own processes did not fill the two cores (")
            .append(f0(busyC))
            .append(" % and ")
            .append(f0(busyF))
            .append(" %): other work on the machine (load averages above) took the rest and ")
            .append("varied between repetitions, which is why single repetitions range from ")
            .append(f3(r.pairs.stream().mapToDouble(Results.Pair::ratio).min().orElse(0)))
            .append(" to ")
            .append(f3(r.pairs.stream().mapToDouble(Results.Pair::ratio).max().orElse(0)))
            .append("; the CPU per coupon, which that noise affects far less, puts the ratio at ")
            .append(f3(totalC / totalF))
            .append(".");
      }
      md.append(" With WeChat Pay on other machines, only the client side's cost counts: ")
          .append(f2(clientCeiling))
          .append(" against ")
          .append(f2(clientFull))
          .append(" ms per coupon, a client-side ratio of ")
          .append(f3(clientCeiling / clientFull))
          .append(".\n\n");
    } else {
      md.append("**Target met.** The full stack costs ")
          .append(f2(totalF))
          .append(" ms of CPU per coupon against ")
          .append(f2(totalC))
          .append(" ms for the loop: the worker signs, sends and verifies with the same SDK ")
          .append(
              "client as the loop and adds the ledger (one batch of outcomes and one commit every ")
          .append(
              "`flush-interval`, written by a sender thread), the send-slot reservations (one transaction per ")
          .append(
              "reservation of up to 50 slots), heartbeats and Temporal; the JFR table splits it. Counting only ")
          .append("the client side, as with WeChat Pay on other machines: ")
          .append(f2(clientCeiling))
          .append(" against ")
          .append(f2(clientFull))
          .append(" ms per coupon, a client-side ratio of ")
          .append(f3(clientCeiling / clientFull))
          .append(".\n\n");
    }
  }

  private void rates(StringBuilder md) {
    if (!heading(md, "## 3. Rate fidelity", r.rates.isEmpty(), "rate fidelity")) {
      return;
    }
    md.append("One wave per configured rate, ")
        .append(r.sizes.rateSeconds())
        .append(" s long, started through an ")
        .append("API instance with `segment-size=")
        .append(BenchStack.RATE_SEGMENT_SIZE)
        .append(
            "` so that the wave is cut into several IssueCoupons activities and, with two workers, both ")
        .append(
            "workers issue it (the shared send slots in the ledger pace them together; the second worker is ")
        .append("warmed up first with an unpaced ")
        .append(count(r.sizes.warmupRecipients()))
        .append(
            "-recipient wave, as the first one was by the throughput phase). Achieved rate per ")
        .append(
            "1-second window from the sandbox's coupon creation times (whole seconds); the wave's first and ")
        .append("last second are partial and left out. Each window is one sample.\n\n");
    md.append(
            "| workers | configured/s | windows | min % | median % | max % | in 95–100 % | above | excess | issued by worker |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Results.Rate x : r.rates) {
      Stats.Windows w = x.windows();
      md.append("| ")
          .append(x.workers())
          .append(" | ")
          .append(x.configured())
          .append(" | ")
          .append(w.counts().size())
          .append(" | ")
          .append(f1(w.minPercent()))
          .append(" | ")
          .append(f1(w.medianPercent()))
          .append(" | ")
          .append(f1(w.maxPercent()))
          .append(" | ")
          .append(w.withinTarget())
          .append(" | ")
          .append(w.above())
          .append(" | ")
          .append(w.maxExcess())
          .append(" | ")
          .append(x.issuedByWorker())
          .append(" |\n");
    }
    md.append(
            "\nHow the pace is kept (`SlotPacer`, `SendSlots`): every send takes a slot from the ledger, where ")
        .append(
            "a GCRA cursor per wave and per merchant is shared by all segments and workers. Slots are spaced at ")
        .append(
            "the configured rate less a 2 % headroom (`campaigns.issuance.rate-headroom`), so a full window holds ")
        .append(
            "98 % of the rate and the few milliseconds between a slot and the sandbox's clock cannot push a second ")
        .append(
            "over it. A segment reserves about 10 ms of slots per transaction, only once it holds a send permit, ")
        .append(
            "uses a slot at most 10 ms late (older ones are dropped, so a stall never turns into a burst), and ")
        .append(
            "gives its unused slots back when it ends; the segments launched together into an idle wave start ")
        .append(
            "staggered by half a segment, so one of them is always sending while the next one starts.\n");
    boolean short1 =
        r.rates.stream()
            .anyMatch(
                x ->
                    x.windows().withinTarget() + x.windows().above() < x.windows().counts().size());
    if (short1) {
      md.append(
              "\nWindows below 95 %: a wave can only be held at a rate the stack sustains; the unthrottled full ")
          .append("stack reached ")
          .append(f0(r.medianFull()))
          .append(
              " coupons/s here (median), and a second worker JVM on the same two cores adds its own overhead ")
          .append(
              "rather than capacity. A slot that passed while the worker was held up (a GC pause, both cores busy) ")
          .append("is dropped, which shows as a lower window, never as a burst.\n");
    }
    if (r.rates.stream().anyMatch(x -> x.windows().above() > 0)) {
      md.append(
              "\nWindows above the rate: the sandbox stamps a send when it handles it, not when the worker's slot ")
          .append(
              "allowed it; a send held up by more than the headroom lands in the next second. The most any run ")
          .append("of consecutive windows got ahead of the configured pace: ")
          .append(r.rates.stream().mapToLong(x -> x.windows().maxExcess()).max().orElse(0))
          .append(" sends (column *excess*).\n");
    }
    md.append("\nPer-second counts: ");
    for (Results.Rate x : r.rates) {
      md.append(x.workers())
          .append("w@")
          .append(x.configured())
          .append(" ")
          .append(x.windows().counts())
          .append("; ");
    }
    md.append("\n\n");
  }

  private void history(StringBuilder md) {
    if (!heading(md, "## 4. History size", r.histories.isEmpty(), null)) {
      return;
    }
    md.append(
            "Events of every run of `campaign-<id>` (continue-as-new runs share the id) and of any child ")
        .append(
            "workflow (none are started today), read with GetWorkflowExecutionHistory. Campaigns that were ")
        .append(
            "measured while their wave had just finished carry the fixed cost of stock creation and ")
        .append(
            "activation over fewer coupons; the large campaign includes its end, flows and reconciliation.\n\n");
    md.append(
        "| campaign | counted | coupons | runs | events | per 10 000 coupons |\n|---|---|---|---|---|---|\n");
    for (Results.History h : r.histories) {
      md.append("| ")
          .append(h.campaign())
          .append(" | ")
          .append(h.when())
          .append(" | ")
          .append(count(h.coupons()))
          .append(" | ")
          .append(h.runs())
          .append(" | ")
          .append(h.events())
          .append(" | ")
          .append(f1(h.per10k()))
          .append(" |\n");
    }
    md.append("\n");
  }

  private void memory(StringBuilder md) {
    if (!heading(md, "## 5. Worker memory", r.memory.isEmpty(), null)) {
      return;
    }
    md.append("Every ")
        .append(Results.MEMORY_SAMPLE_SECONDS)
        .append(" s (10k, 100k: the memory phase) or ")
        .append(r.sizes.heapSampleSeconds())
        .append(" s (1M: the scale campaign, so that the forced collections ")
        .append(
            "barely slow it) while the campaign issued (a tick samples only if the sandbox counted sends since ")
        .append(
            "the previous one, so the worker is measured at work, not while the stock is created or after the ")
        .append(
            "wave), the bench forced a full GC in the worker over JMX (`MemoryMXBean.gc()`, a full collection ")
        .append(
            "under `-XX:+UseSerialGC`) and took the heap that collection left in use (`GcInfo.memoryUsageAfterGc` ")
        .append(
            "of the heap pools; reading the used heap a moment later would add what the worker allocated in ")
        .append(
            "between, megabytes at ~1 000 sends/s). The target is judged on the largest sample. For the largest ")
        .append("sample of each size the bench also keeps a class histogram of the live heap ")
        .append(
            "(`jcmd GC.class_histogram`, `.data/bench/run-*/logs/heap-*-max.txt`). The worker holds no ")
        .append(
            "per-recipient state: a segment's openids (5 000) and the answers of one flush interval are the ")
        .append("only data that scale with the work, and neither grows with the audience.\n\n")
        .append(
            "| recipients | samples | max after GC (MB) | median after GC (MB) |\n|---|---|---|---|\n");
    for (Results.Memory m : r.memory) {
      md.append("| ")
          .append(count(m.recipients()))
          .append(" | ")
          .append(m.samplesBytes().size())
          .append(" | ")
          .append(f1(m.maxBytes() / 1e6))
          .append(" | ")
          .append(m.samplesBytes().isEmpty() ? "—" : f1(Stats.median(m.samplesBytes()) / 1e6))
          .append(" |\n");
    }
    md.append("\n");
  }

  private void scale(StringBuilder md) {
    if (!heading(md, "## 6. Scale", r.scale == null, "scale")) {
      return;
    }
    Results.Scale s = r.scale;
    md.append("One campaign, ")
        .append(count(s.recipients()))
        .append(" recipients in ")
        .append(s.waves())
        .append(
            " waves (four uploaded audiences, waves run one after another), no wave rate, flows downloaded ")
        .append(
            "and reconciled at the end. The stock's window was sized from this run's full-stack rate (")
        .append(s.plannedEnd())
        .append("), so part of the time to the end is waiting for it.\n\n");
    md.append("| status | issued | start → ")
        .append(s.status())
        .append(" | issuance | issuance rate | sandbox CPU per call | worker CPU per coupon |\n")
        .append("|---|---|---|---|---|---|---|\n");
    md.append("| ")
        .append(s.status())
        .append(" | ")
        .append(count(s.issued()))
        .append(" | ")
        .append(minutes(s.secondsToEnd()))
        .append(" | ")
        .append(minutes(s.issuance().seconds()))
        .append(" | ")
        .append(f0(s.issuance().perSecond()))
        .append("/s | ")
        .append(f2(s.issuance().cpuMillisPerCall("sandbox")))
        .append(" ms | ")
        .append(f2(s.issuance().cpuMillisPerCall("worker")))
        .append(" ms |\n\n");
    md.append(
            "The sandbox's CPU per call is its process's CPU time (all threads, GC included) over the calls its ")
        .append("`/sandbox/stats` counted in the same interval.\n\n");
  }

  private void method(StringBuilder md) {
    md.append("## Method\n\n");
    md.append(
            "- One stack per run, under `.data/bench/run-*/` (logs in `logs/`): `temporal server start-dev`, the ")
        .append(
            "sandbox, the worker and the API from their exec jars, on free ports (a `./campaigns up` can run ")
        .append("alongside).\n");
    md.append(
            "- Throughput is timed at the sandbox: `GET /sandbox/stats` every 50 ms; the rate is the send-coupon ")
        .append(
            "calls counted from the first read that saw the run begin to the read that saw it complete, over ")
        .append(
            "the time between them. Start-up (workflow start, stock creation, activation) is outside it.\n");
    md.append(
        "- CPU per coupon: each process's CPU time (`/proc`, children included) over the same interval.\n");
    md.append(
            "- Ratios compare runs of the same size on the same sandbox, back to back, so a slower machine moves ")
        .append("both; medians are over the repetitions.\n\n");
  }

  private String loads() {
    StringBuilder b = new StringBuilder();
    r.loadAtStart.forEach(
        (phase, load) ->
            b.append(b.length() == 0 ? "" : ", ").append(phase).append(" ").append(f1(load)));
    return b.toString();
  }

  /** Writes a section's heading; false (and says so) when the phase measured nothing. */
  private boolean heading(StringBuilder md, String title, boolean nothing, String phase) {
    md.append(title).append("\n\n");
    if (nothing) {
      String why = phase == null ? null : r.failures.get(phase);
      md.append("Not measured").append(why == null ? "" : " (failed: " + why + ")").append(".\n\n");
    }
    return !nothing;
  }

  // ------------------------------------------------------------------ CSV and chart

  private void writeCsv(Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv =
            new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                    .builder()
                    .setHeader("section", "label", "rep", "metric", "value")
                    .get())) {
      for (Results.Pair p : r.pairs) {
        for (var e : Map.of("ceiling", p.ceiling(), "full", p.full()).entrySet()) {
          csv.printRecord(
              "throughput", e.getKey(), p.rep(), "coupons_per_second", e.getValue().perSecond());
          csv.printRecord("throughput", e.getKey(), p.rep(), "calls", e.getValue().calls());
          csv.printRecord("throughput", e.getKey(), p.rep(), "seconds", e.getValue().seconds());
          for (var cpu : e.getValue().cpuSeconds().entrySet()) {
            csv.printRecord(
                "throughput",
                e.getKey(),
                p.rep(),
                "cpu_ms_per_coupon_" + cpu.getKey(),
                e.getValue().cpuMillisPerCall(cpu.getKey()));
          }
        }
        csv.printRecord("throughput", "ratio", p.rep(), "full_over_ceiling", p.ratio());
      }
      for (Results.Rate x : r.rates) {
        String label = x.workers() + "w@" + x.configured();
        List<Integer> counts = x.windows().counts();
        for (int i = 0; i < counts.size(); i++) {
          csv.printRecord("rate", label, i + 1, "sends_in_window", counts.get(i));
        }
      }
      for (Results.History h : r.histories) {
        csv.printRecord("history", h.campaign(), h.when(), "events", h.events());
        csv.printRecord("history", h.campaign(), h.when(), "coupons", h.coupons());
        csv.printRecord("history", h.campaign(), h.when(), "runs", h.runs());
      }
      for (Results.Memory m : r.memory) {
        for (int i = 0; i < m.samplesBytes().size(); i++) {
          csv.printRecord(
              "memory", m.recipients(), i + 1, "heap_after_gc_bytes", m.samplesBytes().get(i));
        }
      }
      if (r.scale != null) {
        Results.Scale s = r.scale;
        csv.printRecord("scale", s.recipients(), 1, "status", s.status());
        csv.printRecord("scale", s.recipients(), 1, "issued", s.issued());
        csv.printRecord("scale", s.recipients(), 1, "seconds_to_end", s.secondsToEnd());
        csv.printRecord("scale", s.recipients(), 1, "issuance_seconds", s.issuance().seconds());
        csv.printRecord(
            "scale", s.recipients(), 1, "issuance_per_second", s.issuance().perSecond());
        for (var cpu : s.issuance().cpuSeconds().keySet()) {
          csv.printRecord(
              "scale",
              s.recipients(),
              1,
              "cpu_ms_per_coupon_" + cpu,
              s.issuance().cpuMillisPerCall(cpu));
        }
      }
    }
  }

  private void writeChart(Path file) throws IOException {
    List<BufferedImage> panels = new ArrayList<>();
    if (!r.pairs.isEmpty()) {
      CategoryChart c =
          new CategoryChartBuilder()
              .width(620)
              .height(420)
              .title("Ceiling vs full stack (C=" + r.sizes.concurrency() + ")")
              .xAxisTitle("repetition")
              .yAxisTitle("coupons/s")
              .build();
      List<String> reps = new ArrayList<>();
      List<Double> ceiling = new ArrayList<>();
      List<Double> full = new ArrayList<>();
      for (Results.Pair p : r.pairs) {
        reps.add(String.valueOf(p.rep()));
        ceiling.add(p.ceiling().perSecond());
        full.add(p.full().perSecond());
      }
      reps.add("median");
      ceiling.add(r.medianCeiling());
      full.add(r.medianFull());
      c.addSeries("ceiling (SDK loop)", reps, ceiling);
      c.addSeries("full stack", reps, full);
      panels.add(BitmapEncoder.getBufferedImage(c));
    }
    if (!r.rates.isEmpty()) {
      XYChart c =
          new XYChartBuilder()
              .width(620)
              .height(420)
              .title("Rate fidelity per 1-s window")
              .xAxisTitle("window (s)")
              .yAxisTitle("% of configured rate")
              .build();
      int longest = 1;
      for (Results.Rate x : r.rates) {
        List<Integer> counts = x.windows().counts();
        if (counts.isEmpty()) {
          continue;
        }
        longest = Math.max(longest, counts.size());
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
          xs.add(i + 1.0);
          ys.add(100.0 * counts.get(i) / x.configured());
        }
        c.addSeries(
            x.workers() + " worker" + (x.workers() > 1 ? "s" : "") + ", " + x.configured() + "/s",
            xs,
            ys);
      }
      c.addSeries("95 %", List.of(1.0, (double) longest), List.of(95.0, 95.0))
          .setMarker(SeriesMarkers.NONE)
          .setLineColor(Color.GRAY);
      c.addSeries("100 %", List.of(1.0, (double) longest), List.of(100.0, 100.0))
          .setMarker(SeriesMarkers.NONE)
          .setLineColor(Color.DARK_GRAY);
      panels.add(BitmapEncoder.getBufferedImage(c));
    }
    if (!r.memory.isEmpty()) {
      CategoryChart c =
          new CategoryChartBuilder()
              .width(620)
              .height(420)
              .title("Worker heap after GC (max)")
              .xAxisTitle("recipients")
              .yAxisTitle("MB")
              .build();
      List<String> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (Results.Memory m : r.memory) {
        xs.add(count(m.recipients()));
        ys.add(m.maxBytes() / 1e6);
      }
      c.addSeries("max used heap after a full GC", xs, ys);
      panels.add(BitmapEncoder.getBufferedImage(c));
    }
    if (panels.isEmpty()) {
      return;
    }
    int width = panels.stream().mapToInt(BufferedImage::getWidth).sum();
    int height = panels.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
    BufferedImage all = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    int x = 0;
    for (BufferedImage p : panels) {
      g.drawImage(p, x, 0, null);
      x += p.getWidth();
    }
    g.dispose();
    if (!ImageIO.write(all, "png", file.toFile())) {
      throw new UncheckedIOException(new IOException("no PNG writer"));
    }
  }

  // ------------------------------------------------------------------ formatting

  public static String count(long n) {
    if (n >= 1_000_000 && n % 1_000_000 == 0) {
      return n / 1_000_000 + "M";
    }
    if (n >= 1_000 && n % 1_000 == 0) {
      return n / 1_000 + "k";
    }
    return String.valueOf(n);
  }

  public static String minutes(double seconds) {
    return seconds < 120 ? f0(seconds) + " s" : f1(seconds / 60) + " min";
  }

  private static String met(boolean ok) {
    return ok ? "yes" : "**no**";
  }

  public static String f0(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  public static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  public static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  public static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
