package com.campaigns.bench.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes docs/benchmarks.csv: one row per measured value. */
final class ResultsCsv {

  private final Results r;

  ResultsCsv(Results r) {
    this.r = r;
  }

  void write(Path file) throws IOException {
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
}
