package com.campaigns.starter.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's sign-in page; the form posts to Spring Security's login filter. */
@Controller
class LoginController {

  @GetMapping("/console/login")
  String login(HttpServletRequest request) {
    // Before a signed-in session the token is kept in a cookie: resolve it now, while the
    // response's headers can still take the cookie, rather than halfway through rendering.
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
      token.getToken();
    }
    return "console/login";
  }
}
