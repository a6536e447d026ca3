package com.campaigns.starter.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every failure as the SPEC's error body, never Spring's default page or a stack trace.
 * Spring MVC's own exceptions (unknown path, wrong method, unreadable JSON, ...) keep their status
 * codes through {@link ResponseEntityExceptionHandler}; only their body is replaced.
 */
@RestControllerAdvice
class ApiErrorAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

  @ExceptionHandler(SpecRejected.class)
  ResponseEntity<ApiError> specRejected(SpecRejected e) {
    return body(HttpStatus.BAD_REQUEST, ApiError.invalidSpec(e.getMessage(), e.violations()));
  }

  @ExceptionHandler(RequestRejected.class)
  ResponseEntity<ApiError> rejected(RequestRejected e) {
    if (e.retryAfter() != null) {
      return ResponseEntity.status(e.status())
          .contentType(MediaType.APPLICATION_JSON)
          .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())))
          .body(ApiError.of(e.kind(), e.getMessage()));
    }
    return body(e.status(), ApiError.of(e.kind(), e.getMessage()));
  }

  /**
   * Temporal did not answer (down, overloaded, timed out): 503, the caller may retry. Any other
   * refusal by the service (an unregistered search attribute, a permission) is our fault: 500.
   */
  @ExceptionHandler({WorkflowServiceException.class, StatusRuntimeException.class})
  ResponseEntity<ApiError> temporalFailed(RuntimeException e) {
    Status.Code code = grpcCode(e);
    if (code == Status.Code.UNAVAILABLE
        || code == Status.Code.DEADLINE_EXCEEDED
        || code == Status.Code.RESOURCE_EXHAUSTED) {
      log.warn("Temporal did not answer ({}): {}", code, e.toString());
      return body(
          HttpStatus.SERVICE_UNAVAILABLE,
          ApiError.of("temporal_unavailable", "the workflow service did not answer; retry later"));
    }
    log.error("Temporal refused a call ({})", code, e);
    return body(HttpStatus.INTERNAL_SERVER_ERROR, ApiError.of("internal_error", "internal error"));
  }

  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ApiError> databaseUnavailable(DataAccessException e) {
    log.error("database call failed", e);
    return body(
        HttpStatus.SERVICE_UNAVAILABLE,
        ApiError.of("database_unavailable", "the ledger database did not answer; retry later"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e) {
    log.error("unexpected failure", e);
    return body(HttpStatus.INTERNAL_SERVER_ERROR, ApiError.of("internal_error", "internal error"));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return new ResponseEntity<>(
        ApiError.of("invalid_request", unreadable(e)), json(headers), status);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String message = e.getMessage();
    if (e instanceof org.springframework.web.ErrorResponse er && er.getBody().getDetail() != null) {
      message = er.getBody().getDetail();
    }
    return new ResponseEntity<>(
        ApiError.of(ApiError.kindOf(status), message), json(headers), status);
  }

  private static Status.Code grpcCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s.getStatus().getCode();
      }
    }
    return Status.Code.UNKNOWN;
  }

  /** Names the offending field without echoing parser internals. */
  private static String unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof UnrecognizedPropertyException u) {
      return "unknown field " + JsonPaths.of(u);
    }
    if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return JsonPaths.of(m) + " has the wrong type or format";
    }
    if (cause instanceof JsonProcessingException p && p.getLocation() != null) {
      return "the body is not valid JSON (line "
          + p.getLocation().getLineNr()
          + ", column "
          + p.getLocation().getColumnNr()
          + ")";
    }
    return "the request body is missing or not valid JSON";
  }

  private static HttpHeaders json(HttpHeaders headers) {
    HttpHeaders out = new HttpHeaders();
    out.putAll(headers);
    out.setContentType(MediaType.APPLICATION_JSON);
    return out;
  }

  private static ResponseEntity<ApiError> body(HttpStatusCode status, ApiError error) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(error);
  }
}
