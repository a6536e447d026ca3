package com.campaigns.bench.report;

import static com.campaigns.bench.report.Formats.count;
import static com.campaigns.bench.report.Formats.f0;
import static com.campaigns.bench.report.Formats.f1;
import static com.campaigns.bench.report.Formats.f2;
import static com.campaigns.bench.report.Formats.heading;
import static com.campaigns.bench.report.Formats.minutes;

import com.campaigns.bench.measure.Stats;

/** The markdown sections on footprint: history size, worker memory, scale, and the method. */
final class FootprintSections {

  private final Results r;

  FootprintSections(Results r) {
    this.r = r;
  }

  void history(StringBuilder md) {
    if (!heading(md, r, "## 4. History size", r.histories.isEmpty(), null)) {
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

  void memory(StringBuilder md) {
    if (!heading(md, r, "## 5. Worker memory", r.memory.isEmpty(), null)) {
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

  void scale(StringBuilder md) {
    if (!heading(md, r, "## 6. Scale", r.scale == null, "scale")) {
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

  void method(StringBuilder md) {
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
}
