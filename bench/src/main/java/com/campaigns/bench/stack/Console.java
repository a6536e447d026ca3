package com.campaigns.bench.stack;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on stdout, each with the wall time. */
public final class Console {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Console() {}

  public static void say(String format, Object... args) {
    System.out.println(TIME.format(LocalTime.now()) + " " + String.format(format, args));
  }
}
