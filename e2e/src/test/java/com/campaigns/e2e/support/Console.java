package com.campaigns.e2e.support;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on the build's console: the scenarios take minutes, so they say what they do. */
public final class Console {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Console() {}

  public static void step(String format, Object... args) {
    System.out.println("[e2e " + LocalTime.now().format(TIME) + "] " + String.format(format, args));
    System.out.flush();
  }
}
