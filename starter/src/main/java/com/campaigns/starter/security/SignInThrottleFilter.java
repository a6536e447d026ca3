package com.campaigns.starter.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a sign-in 429 without checking its token while {@link SignInThrottle} says the client's
 * address (or everyone) has failed too often this minute. The client address is the one Tomcat
 * resolved, from {@code X-Forwarded-For} when the request came through a trusted proxy.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

  private final SignInThrottle throttle;
  private final String signInPath;

  SignInThrottleFilter(SignInThrottle throttle, String signInPath) {
    this.throttle = throttle;
    this.signInPath = signInPath;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !HttpMethod.POST.matches(request.getMethod())
        || !request.getRequestURI().substring(request.getContextPath().length()).equals(signInPath);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (throttle.allows(request.getRemoteAddr())) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(throttle.retryAfter().toSeconds() + 1));
    response.setContentType("text/html;charset=UTF-8");
    response
        .getOutputStream()
        .write(
            ("<!DOCTYPE html><title>Too many sign-in attempts</title><p>Too many sign-in"
                    + " attempts. Wait a minute, then <a href=\""
                    + request.getContextPath()
                    + signInPath
                    + "\">sign in</a> again.")
                .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Counts the failure, then redirects to the sign-in page with {@code ?error}, without creating a
   * session to hold the exception (an anonymous visitor gets no session).
   */
  static AuthenticationFailureHandler countingFailures(SignInThrottle throttle, String failureUrl) {
    SimpleUrlAuthenticationFailureHandler redirect =
        new SimpleUrlAuthenticationFailureHandler(failureUrl);
    redirect.setAllowSessionCreation(false);
    return (HttpServletRequest request,
        HttpServletResponse response,
        AuthenticationException exception) -> {
      throttle.failed(request.getRemoteAddr());
      redirect.onAuthenticationFailure(request, response, exception);
    };
  }
}
