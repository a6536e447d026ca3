package com.campaigns.starter.audience;

import com.campaigns.ledger.audience.AudienceLimits;
import com.campaigns.ledger.audience.AudienceStore;
import com.campaigns.ledger.audience.AudienceTooLarge;
import com.campaigns.starter.system.RequestRejected;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.InputStream;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

/**
 * Uploads of recipient lists. The body is streamed straight into the audience store, which holds
 * neither the body nor the list in memory and refuses an upload past the {@link AudienceLimits}
 * ({@code campaigns.audiences.max-*}): 413 for the size or the number of recipients, 400 for a
 * line.
 */
@Service
public class AudienceService {

  static final Set<String> ACCEPTED_TYPES = Set.of("text/plain", "text/csv");

  private final AudienceStore store;
  private final AudienceLimits limits;

  AudienceService(AudienceStore store, AudienceLimits limits) {
    this.store = store;
    this.limits = limits;
  }

  /**
   * @param declaredLength the body's size when known before reading it (Content-Length, a multipart
   *     file's size), else -1: a larger one is refused without reading it
   */
  public AudienceReceipt upload(String contentType, long declaredLength, InputStream body) {
    if (!accepted(contentType)) {
      throw RequestRejected.badRequest(
          "invalid_content_type",
          "send the audience as text/plain or text/csv, one openid per line");
    }
    if (declaredLength > limits.maxBytes()) {
      throw new RequestRejected(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "payload_too_large",
          "the upload exceeds campaigns.audiences.max-bytes = " + limits.maxBytes() + " bytes");
    }
    AudienceStore.Receipt receipt;
    try {
      receipt = store.store(body);
    } catch (AudienceTooLarge e) {
      throw refusal(e);
    }
    if (receipt.count() == 0) {
      throw RequestRejected.badRequest(
          "empty_audience",
          "the upload holds no valid openid"
              + (receipt.invalidCount() > 0
                  ? " (" + receipt.invalidCount() + " invalid lines)"
                  : ""));
    }
    return AudienceReceipt.of(receipt);
  }

  /** The API's answer to an upload past a limit; its message names the limit and its value. */
  public static RequestRejected refusal(AudienceTooLarge e) {
    return switch (e.limit()) {
      case BYTES ->
          new RequestRejected(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", e.getMessage());
      case RECIPIENTS ->
          new RequestRejected(HttpStatus.PAYLOAD_TOO_LARGE, "too_many_recipients", e.getMessage());
      case LINE_LENGTH -> RequestRejected.badRequest("line_too_long", e.getMessage());
    };
  }

  AudienceInfoBody find(String audienceId) {
    return store
        .count(audienceId)
        .map(n -> new AudienceInfoBody(audienceId, n))
        .orElseThrow(() -> RequestRejected.notFound("no audience " + audienceId));
  }

  private static boolean accepted(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return ACCEPTED_TYPES.contains(type.getType() + "/" + type.getSubtype());
    } catch (IllegalArgumentException e) {
      // InvalidMediaTypeException, what MediaType.parseMediaType throws, is not an
      // InvalidMimeTypeException.
      return false;
    }
  }

  /** {@code GET /audiences/{id}}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AudienceInfoBody(String audienceId, long count) {}
}
