package com.campaigns.starter.security;

import com.campaigns.starter.system.RequestRejected;

/**
 * Who asked for a change, recorded in the campaign's history and pause info: the name of the
 * authenticated token ({@code campaigns.security.tokens[].name}). A caller cannot choose it.
 */
public record Operator(String name) {

  public static Operator of(ApiUser user) {
    if (user == null) {
      // Only reachable if a route were left open by mistake: refuse rather than record no one.
      throw new RequestRejected(
          org.springframework.http.HttpStatus.UNAUTHORIZED,
          "unauthorized",
          "this call needs a bearer token");
    }
    return new Operator(user.name());
  }

  @Override
  public String toString() {
    return name;
  }
}
