package com.campaigns.bench.report;

import java.util.Locale;

/** Number formatting and section helpers shared by the report's writers. */
public final class Formats {

  private Formats() {}

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

  static String met(boolean ok) {
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

  /** Writes a section's heading; false (and says so) when the phase measured nothing. */
  static boolean heading(StringBuilder md, Results r, String title, boolean nothing, String phase) {
    md.append(title).append("\n\n");
    if (nothing) {
      String why = phase == null ? null : r.failures.get(phase);
      md.append("Not measured").append(why == null ? "" : " (failed: " + why + ")").append(".\n\n");
    }
    return !nothing;
  }

  static Results.History largestHistory(Results r) {
    return r.histories.stream()
        .max(java.util.Comparator.comparingLong(Results.History::coupons))
        .orElse(null);
  }
}
