package com.campaigns.starter.system;

import com.campaigns.workflows.rules.Violation;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Every error body of the API (SPEC §4): {@code {"error": "<snake_case kind>", "message": "..."}},
 * and for spec problems {@code {"error": "invalid_spec", "violations": [{"field", "message"}]}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, List<Violation> violations) {

  public static ApiError of(String kind, String message) {
    return new ApiError(kind, message, null);
  }

  public static ApiError invalidSpec(String message, List<Violation> violations) {
    return new ApiError("invalid_spec", message, violations);
  }

  /** The kind an HTTP status stands for when nothing more specific is known. */
  public static String kindOf(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "invalid_request";
      case 404 -> "not_found";
      case 500 -> "internal_error";
      default -> {
        HttpStatus known = HttpStatus.resolve(status.value());
        yield known == null
            ? "http_" + status.value()
            : known
                .getReasonPhrase()
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_");
      }
    };
  }
}
