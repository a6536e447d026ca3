package com.campaigns.starter.security;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a token may do (docs/security.md): a marketer runs campaigns, ops steer running ones and
 * read what the system keeps (metrics, decrypted payloads), a viewer only reads.
 */
public enum Role {
  /** Validate, create, pause, resume, cancel, reschedule, upload audiences, read. */
  MARKETER,
  /** Pause, resume, cancel, set the merchants' callback URL, read, metrics, the codec endpoint. */
  OPS,
  /** Read only. */
  VIEWER;

  public String authority() {
    return "ROLE_" + name();
  }

  List<GrantedAuthority> authorities() {
    return List.of(new SimpleGrantedAuthority(authority()));
  }
}
