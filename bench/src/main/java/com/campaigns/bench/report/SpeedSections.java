package com.campaigns.bench.report;

import static com.campaigns.bench.report.Formats.count;
import static com.campaigns.bench.report.Formats.f0;
import static com.campaigns.bench.report.Formats.f1;
import static com.campaigns.bench.report.Formats.f2;
import static com.campaigns.bench.report.Formats.f3;
import static com.campaigns.bench.report.Formats.heading;

import com.campaigns.bench.measure.Stats;
import com.campaigns.bench.stack.BenchStack;

/** The markdown sections on speed: ceiling and full stack, and rate fidelity. */
final class SpeedSections {
  private static final String[] PROCESSES = {
    "bench", "worker", "sandbox", "ledger", "temporal", "api"
  };

  private final Results r;

  SpeedSections(Results r) {
    this.r = r;
  }

  void throughput(StringBuilder md) {
    if (!heading(
        md, r, "## 1–2. Ceiling and full stack", r.pairs.isEmpty(), "ceiling and full stack")) {
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
    md.append(
        ("At the median rates that is %s %% of the machine's CPU for the ceiling and %s %% for the"
                + " full stack. When both saturate the cores, the ratio follows from the CPU per"
                + " coupon alone: %s / %s = %s (measured: %s).\n\n")
            .formatted(
                f0(busyC),
                f0(busyF),
                f2(totalC),
                f2(totalF),
                f3(totalC / totalF),
                f3(r.medianRatio())));
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
    if (r.medianRatio() < Report.RATIO_TARGET) {
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
              "writes and send-slot reservations in PostgreSQL, the issuance loop, heartbeats and Temporal; the JFR table ")
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
        md.append(
            ("The bench's own processes did not fill the two cores (%s %% and %s %%): other work"
                    + " on the machine (load averages above) took the rest and varied between"
                    + " repetitions, which is why single repetitions range from %s to %s; the CPU"
                    + " per coupon, which that noise affects far less, puts the ratio at %s.")
                .formatted(
                    f0(busyC),
                    f0(busyF),
                    f3(r.pairs.stream().mapToDouble(Results.Pair::ratio).min().orElse(0)),
                    f3(r.pairs.stream().mapToDouble(Results.Pair::ratio).max().orElse(0)),
                    f3(totalC / totalF)));
      }
      md.append(" With WeChat Pay on other machines, only the client side's cost counts: ")
          .append(clientSideRatio(clientCeiling, clientFull));
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
          .append(clientSideRatio(clientCeiling, clientFull));
    }
  }

  private static String clientSideRatio(double clientCeiling, double clientFull) {
    return "%s against %s ms per coupon, a client-side ratio of %s.\n\n"
        .formatted(f2(clientCeiling), f2(clientFull), f3(clientCeiling / clientFull));
  }

  void rates(StringBuilder md) {
    if (!heading(md, r, "## 3. Rate fidelity", r.rates.isEmpty(), "rate fidelity")) {
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
}
