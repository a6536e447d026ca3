package com.campaigns.bench.report;

import static com.campaigns.bench.report.Formats.count;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws docs/images/benchmarks.png: ceiling vs full stack, rate fidelity and worker heap side by
 * side.
 */
final class ResultsChart {

  private final Results r;

  ResultsChart(Results r) {
    this.r = r;
  }

  void write(Path file) throws IOException {
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
}
