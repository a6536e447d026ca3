package com.campaigns.starter.console;

import com.campaigns.starter.system.RequestRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Console failures as a page, not the API's JSON body: ahead of the API's advice, for the console
 * controller only. Messages are the same safe ones the API shows; internals are only logged.
 */
@ControllerAdvice(assignableTypes = ConsoleController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

  private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

  @ExceptionHandler(RequestRejected.class)
  ModelAndView rejected(RequestRejected e) {
    return page(e.status(), e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception e) {
    log.error("console request failed", e);
    return page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong; the error was logged.");
  }

  private static ModelAndView page(HttpStatus status, String message) {
    ModelAndView mv = new ModelAndView("console/error");
    mv.setStatus(status);
    mv.addObject("status", status.value());
    mv.addObject("message", message);
    return mv;
  }
}
