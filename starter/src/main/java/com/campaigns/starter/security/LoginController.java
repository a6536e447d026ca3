package com.campaigns.starter.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's sign-in page; the form posts to Spring Security's login filter. */
@Controller
class LoginController {

  @GetMapping("/console/login")
  String login() {
    return "console/login";
  }
}
