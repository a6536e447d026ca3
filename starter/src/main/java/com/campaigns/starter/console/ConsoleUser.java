package com.campaigns.starter.console;

import com.campaigns.starter.security.ApiUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Who is signed in, for every console page: the pages show only the actions their role may take.
 */
@ControllerAdvice(assignableTypes = ConsoleController.class)
class ConsoleUser {

  @ModelAttribute("consoleUser")
  ApiUser consoleUser(@AuthenticationPrincipal ApiUser user) {
    return user;
  }
}
