package com.campaigns.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on stdout, each with the wall time. */
final class Console {

  private Console() {}

  static void say(String format, Object... args) {
    System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, args));
  }
}
