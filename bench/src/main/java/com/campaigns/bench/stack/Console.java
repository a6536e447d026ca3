package com.campaigns.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on stdout, each with the wall time. */
final class Console {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Console() {}

  static void say(String format, Object... args) {
    System.out.println(TIME.format(LocalTime.now()) + " " + String.format(format, args));
  }
}
