package com.campaigns.starter.security;

import com.campaigns.starter.system.ApiError;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The SPEC's error bodies for refusals made before a controller is reached. */
final class SecurityErrors {

  static final String UNAUTHORIZED = "unauthorized";
  static final String FORBIDDEN = "forbidden";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SecurityErrors() {}

  /** 401 with {@code WWW-Authenticate: Bearer}; {@code invalidToken} adds RFC 6750's error code. */
  static void unauthorized(HttpServletResponse response, String message, boolean invalidToken)
      throws IOException {
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE,
        invalidToken
            ? "Bearer realm=\"campaigns\", error=\"invalid_token\""
            : "Bearer realm=\"campaigns\"");
    write(response, HttpServletResponse.SC_UNAUTHORIZED, ApiError.of(UNAUTHORIZED, message));
  }

  static void forbidden(HttpServletResponse response, String message) throws IOException {
    write(response, HttpServletResponse.SC_FORBIDDEN, ApiError.of(FORBIDDEN, message));
  }

  private static void write(HttpServletResponse response, int status, ApiError error)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getOutputStream(), error);
  }
}
