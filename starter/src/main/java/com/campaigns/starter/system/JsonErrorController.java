package com.campaigns.starter.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (the servlet container, filters) end up at {@code /error}; they
 * get the same JSON body as everything else instead of Boot's whitelabel page, whatever the client
 * accepts.
 */
@RestController
class JsonErrorController implements ErrorController {

  @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.ALL_VALUE)
  ResponseEntity<ApiError> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer i && HttpStatus.resolve(i) != null
            ? HttpStatus.valueOf(i)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    String message = status.is5xxServerError() ? "internal error" : status.getReasonPhrase();
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ApiError.of(ApiError.kindOf(status), message));
  }
}
