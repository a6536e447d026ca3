package com.campaigns.starter.system;

/**
 * Who asked for a change, recorded in the campaign's history. Until authentication exists it is the
 * {@code X-Operator} header, or "api" without one.
 */
public record Operator(String name) {

  public static final String HEADER = "X-Operator";
  private static final String DEFAULT = "api";
  private static final int MAX_LENGTH = 64;

  public static Operator fromHeader(String header) {
    if (header == null || header.isBlank()) {
      return new Operator(DEFAULT);
    }
    String name = header.strip();
    if (name.length() > MAX_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
      throw RequestRejected.badRequest("invalid_operator",
          HEADER + " must be at most " + MAX_LENGTH + " printable characters");
    }
    return new Operator(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
