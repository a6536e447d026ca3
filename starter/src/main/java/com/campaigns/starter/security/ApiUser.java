package com.campaigns.starter.security;

import java.security.Principal;

/** The caller a token stands for: its configured name (recorded as the operator) and its role. */
public record ApiUser(String name, Role role) implements Principal {

  @Override
  public String getName() {
    return name;
  }

  /** Validate and start campaigns, upload audiences. */
  public boolean mayStart() {
    return role == Role.MARKETER;
  }

  /** Pause, resume and cancel. */
  public boolean maySteer() {
    return role == Role.MARKETER || role == Role.OPS;
  }

  public boolean can(Role... roles) {
    for (Role r : roles) {
      if (r == role) {
        return true;
      }
    }
    return false;
  }
}
