package com.campaigns.starter.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session older than {@code campaigns.console.session-max-lifetime} before the
 * security context is read from it, so the request goes on as anonymous (to the sign-in page). An
 * open campaign page polls every few seconds, which keeps the idle timeout from ever ending a
 * session; this bounds how long a session (or a stolen cookie) stays usable.
 */
final class SessionLifetimeFilter extends OncePerRequestFilter {

  private final Duration maxLifetime;
  private final Clock clock;

  SessionLifetimeFilter(Duration maxLifetime, Clock clock) {
    this.maxLifetime = maxLifetime;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null && clock.millis() - session.getCreationTime() >= maxLifetime.toMillis()) {
      session.invalidate();
    }
    chain.doFilter(request, response);
  }
}
