package com.campaigns.starter.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;

/**
 * The caller a token stands for: its configured name (recorded as the operator), its roles and the
 * merchants it may see (empty: every merchant).
 */
// Serializable: a console session, with the signed-in user in it, is stored in the database.
public record ApiUser(String name, Set<Role> roles, Set<String> mchids)
    implements Principal, Serializable {

  public ApiUser {
    roles = Set.copyOf(roles);
    mchids = Set.copyOf(mchids);
  }

  /** A token of one role for every merchant. */
  public ApiUser(String name, Role role) {
    this(name, Set.of(role), Set.of());
  }

  @Override
  public String getName() {
    return name;
  }

  /** Validate and start campaigns, upload audiences. */
  public boolean mayStart() {
    return roles.contains(Role.MARKETER);
  }

  /** Pause, resume and cancel. */
  public boolean maySteer() {
    return can(Role.MARKETER, Role.OPS);
  }

  /** Approve or reject campaigns awaiting approval. */
  public boolean mayApprove() {
    return roles.contains(Role.APPROVER);
  }

  public boolean can(Role... any) {
    for (Role r : any) {
      if (roles.contains(r)) {
        return true;
      }
    }
    return false;
  }

  /** Whether this caller may see the merchant's campaigns, lookups and callback at all. */
  public boolean seesMerchant(String mchid) {
    return mchids.isEmpty() || (mchid != null && mchids.contains(mchid));
  }

  /** True when the token is limited to a set of merchants. */
  public boolean scoped() {
    return !mchids.isEmpty();
  }

  /** Roles in declaration order, lowercase, for pages and logs: {@code marketer, approver}. */
  public String roleNames() {
    return String.join(
        ", ",
        Arrays.stream(Role.values())
            .filter(roles::contains)
            .map(r -> r.name().toLowerCase(Locale.ROOT))
            .toList());
  }

  Collection<GrantedAuthority> authorities() {
    return List.copyOf(roles.stream().map(Role::grantedAuthority).toList());
  }
}
