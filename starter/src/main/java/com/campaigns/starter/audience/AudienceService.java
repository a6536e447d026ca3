package com.campaigns.starter.audience;

import com.campaigns.ledger.audience.AudienceStore;
import com.campaigns.starter.system.RequestRejected;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.InputStream;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

/**
 * Uploads of recipient lists. The body is streamed straight into the audience store, which holds
 * only the set of distinct openids in memory, so a file of a million lines is never held twice.
 */
@Service
public class AudienceService {

  static final Set<String> ACCEPTED_TYPES = Set.of("text/plain", "text/csv");

  private final AudienceStore store;

  AudienceService(AudienceStore store) {
    this.store = store;
  }

  public AudienceReceipt upload(String contentType, InputStream body) {
    if (!accepted(contentType)) {
      throw RequestRejected.badRequest(
          "invalid_content_type",
          "send the audience as text/plain or text/csv, one openid per line");
    }
    AudienceStore.Receipt receipt = store.store(body);
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
