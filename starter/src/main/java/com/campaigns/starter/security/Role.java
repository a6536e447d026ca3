package com.campaigns.starter.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a token may do (the role matrix in docs/security.md). People hold marketer, approver, ops,
 * admin and viewer; machines hold codec and metrics, which reach one endpoint each, so a token that
 * travels where people can read it (the Web UI's codec URL) or sits in a scraper's config opens
 * nothing else.
 */
public enum Role {
  /** Validate, create, reschedule, upload audiences; pause, resume, cancel; read. */
  MARKETER,
  /** Approve or reject a campaign awaiting approval (never one they started); read. */
  APPROVER,
  /** Pause, resume, cancel, tidy up; read; the actuator. */
  OPS,
  /** Change a merchant's WeChat Pay callback URL; read. */
  ADMIN,
  /** Read only. */
  VIEWER,
  /** Only the codec endpoint; the one role whose token may travel in a URL path. */
  CODEC,
  /** Only {@code /actuator/prometheus}. */
  METRICS;

  public String authority() {
    return "ROLE_" + name();
  }

  GrantedAuthority grantedAuthority() {
    return new SimpleGrantedAuthority(authority());
  }

  /** Roles a person holds: they read campaigns and may sign in to the console. */
  public boolean reads() {
    return this != CODEC && this != METRICS;
  }
}
