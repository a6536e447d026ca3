package com.campaigns.starter.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The console's CSRF tokens: in the session once there is one (signed in), and before that, for the
 * sign-in form, in an HttpOnly cookie (double submit), so that an anonymous visitor creates no
 * server session. At sign-in the cookie's token is cleared and the session gets a new one.
 */
final class ConsoleCsrfTokenRepository implements CsrfTokenRepository {

  static final String COOKIE = "CONSOLE-SIGN-IN-CSRF";

  private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();
  private final CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();

  ConsoleCsrfTokenRepository(String cookiePath) {
    cookie.setCookieName(COOKIE);
    // The same header and field names in both, so the console's pages need not know which.
    cookie.setHeaderName("X-CSRF-TOKEN");
    cookie.setParameterName("_csrf");
    cookie.setCookiePath(cookiePath);
    cookie.setCookieCustomizer(c -> c.sameSite("Lax"));
  }

  @Override
  public CsrfToken generateToken(HttpServletRequest request) {
    return session.generateToken(request);
  }

  @Override
  public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
    if (request.getSession(false) != null) {
      session.saveToken(token, request, response);
    } else {
      cookie.saveToken(token, request, response);
    }
  }

  @Override
  public CsrfToken loadToken(HttpServletRequest request) {
    return request.getSession(false) != null
        ? session.loadToken(request)
        : cookie.loadToken(request);
  }
}
