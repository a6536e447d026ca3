package com.campaigns.starter.system;

import com.campaigns.workflows.rules.Violation;
import java.util.List;

/** A campaign spec with problems: every one of them, rendered as 400 {@code invalid_spec}. */
public class SpecRejected extends RuntimeException {

  private final List<Violation> violations;

  public SpecRejected(List<Violation> violations) {
    super(
        "the campaign spec has "
            + violations.size()
            + " problem"
            + (violations.size() == 1 ? "" : "s"),
        null,
        false,
        false);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
