package com.campaigns.sandbox.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Renders every failure as a WeChat Pay error body, so the SDK sees a {@code ServiceException}. */
@RestControllerAdvice
class RejectionAdvice {

  @ExceptionHandler(Rejected.class)
  ResponseEntity<ErrorBody> rejected(Rejected rejected, HttpServletRequest request) {
    request.setAttribute(CallStats.CODE_ATTRIBUTE, rejected.code());
    return ResponseEntity.status(rejected.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(rejected.body());
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, JsonProcessingException.class})
  ResponseEntity<ErrorBody> unreadable(Exception e, HttpServletRequest request) {
    // The innermost cause says what was wrong, e.g. an admin fault rule naming an unknown endpoint.
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String issue =
        cause instanceof IllegalArgumentException
            ? cause.getMessage()
            : "request body is not valid JSON for this API";
    return rejected(Rejected.paramError("请求体格式错误,请检查JSON", "body", null, issue, "body"), request);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ErrorBody> missingQuery(
      MissingServletRequestParameterException e, HttpServletRequest request) {
    return rejected(Rejected.requiredQueryParam(e.getParameterName()), request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ErrorBody> badQuery(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return rejected(
        Rejected.queryParamError(e.getName(), String.valueOf(e.getValue()), "类型校验失败", "wrong type"),
        request);
  }
}
