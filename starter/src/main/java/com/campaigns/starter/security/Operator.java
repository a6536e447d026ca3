package com.campaigns.starter.security;

import com.campaigns.starter.system.RequestRejected;
import java.util.Set;

/**
 * Who asked for a change, recorded in the campaign's history and pause info: the name of the
 * authenticated token ({@code campaigns.security.tokens[].name}). A caller cannot choose it. It
 * carries the token's merchants too, so a start can refuse a merchant the caller may not see.
 */
public record Operator(String name, Set<String> mchids) {

  public Operator {
    mchids = Set.copyOf(mchids);
  }

  /** An operator whose token sees every merchant. */
  public Operator(String name) {
    this(name, Set.of());
  }

  public static Operator of(ApiUser user) {
    if (user == null) {
      // Only reachable if a route were left open by mistake: refuse rather than record no one.
      throw new RequestRejected(
          org.springframework.http.HttpStatus.UNAUTHORIZED,
          "unauthorized",
          "this call needs a bearer token");
    }
    return new Operator(user.name(), user.mchids());
  }

  /** Whether this caller may act for the merchant (a token without mchids sees all). */
  public boolean seesMerchant(String mchid) {
    return mchids.isEmpty() || mchids.contains(mchid);
  }

  @Override
  public String toString() {
    return name;
  }
}
