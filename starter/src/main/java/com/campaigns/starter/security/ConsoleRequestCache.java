package com.campaigns.starter.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Remembers the console page an anonymous visitor asked for in a cookie, not in a session, so that
 * sign-in leads back to it without a session being created before sign-in. Only full page loads
 * (not htmx's partial requests) are remembered, and only a console page of this same origin is ever
 * returned to, whatever the cookie says.
 */
final class ConsoleRequestCache extends CookieRequestCache {

  ConsoleRequestCache() {
    setRequestMatcher(
        new AndRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/console/**"),
            new NegatedRequestMatcher(new RequestHeaderRequestMatcher("HX-Request"))));
  }

  @Override
  public SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
    SavedRequest saved = super.getRequest(request, response);
    if (saved == null) {
      return null;
    }
    URI target;
    try {
      target = URI.create(saved.getRedirectUrl());
    } catch (IllegalArgumentException e) {
      return null;
    }
    boolean sameOrigin =
        request.getScheme().equalsIgnoreCase(target.getScheme())
            && request.getServerName().equalsIgnoreCase(target.getHost())
            && request.getServerPort() == port(target)
            && target.getRawPath() != null
            && target.getRawPath().startsWith(request.getContextPath() + "/console/");
    return sameOrigin ? saved : null;
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
