package com.campaigns.workflows.rules;

import java.util.Locale;

/**
 * Four-eyes approval: whether a campaign's budget needs another person's approval, and who may give
 * it. Decided from the spec and the input alone, so the workflow replays them unchanged.
 */
public final class Approvals {

  private Approvals() {}

  /**
   * A budget strictly above the merchant's threshold needs approval; no threshold (null) means none
   * does.
   */
  public static boolean required(long budget, Long threshold) {
    return threshold != null && budget > threshold;
  }

  /**
   * Anyone but the person who started the campaign may decide on it; names compare without case or
   * surrounding spaces, so "Alice " cannot approve what "alice" started. A campaign whose starter
   * was not recorded (null) may be decided by any named operator.
   */
  public static boolean mayDecide(String operator, String startedBy) {
    if (blank(operator)) {
      return false;
    }
    return startedBy == null || !normalized(operator).equals(normalized(startedBy));
  }

  public static boolean blank(String operator) {
    return operator == null || operator.isBlank();
  }

  private static String normalized(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
