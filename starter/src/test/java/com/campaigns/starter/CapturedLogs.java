package com.campaigns.starter;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/**
 * A Logback appender (declared in logback-test.xml, so it survives Spring Boot's logging setup)
 * that keeps every log line of the test JVM with its exception and stack trace, for the secrets
 * scan. Bounded: the oldest lines go first past {@link #MAX_LINES}.
 */
public class CapturedLogs extends AppenderBase<ILoggingEvent> {

  static final int MAX_LINES = 400_000;
  private static final List<String> LINES = new ArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder line =
        new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      line.append("\n").append(t.getClassName()).append(": ").append(t.getMessage());
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        line.append("\n\tat ").append(frame.getSTEAsString());
      }
    }
    synchronized (LINES) {
      if (LINES.size() >= MAX_LINES) {
        LINES.subList(0, MAX_LINES / 10).clear();
      }
      LINES.add(line.toString());
    }
  }

  /** Every line kept so far, each starting with its logger's name. */
  public static List<String> lines() {
    synchronized (LINES) {
      return List.copyOf(LINES);
    }
  }
}
