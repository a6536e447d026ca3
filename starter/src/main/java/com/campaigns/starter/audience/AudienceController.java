package com.campaigns.starter.audience;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/audiences} (text/plain or text/csv, one openid per line) and lookups. */
@RestController
@RequestMapping("/api/v1/audiences")
@Tag(name = "audiences")
class AudienceController {

  private final AudienceService audiences;

  AudienceController(AudienceService audiences) {
    this.audiences = audiences;
  }

  @PostMapping
  @Operation(
      summary =
          "Stores a recipient list: trimmed, de-duplicated, invalid lines reported; 413 past"
              + " campaigns.audiences.max-bytes or max-recipients, 400 past max-line-length",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = {
                @Content(mediaType = "text/plain", schema = @Schema(type = "string")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
              }))
  ResponseEntity<AudienceReceipt> upload(HttpServletRequest request) throws IOException {
    // The raw stream, not a bound String: the store reads it line by line.
    AudienceReceipt receipt =
        audiences.upload(
            request.getContentType(), request.getContentLengthLong(), request.getInputStream());
    return ResponseEntity.created(URI.create("/api/v1/audiences/" + receipt.audienceId()))
        .body(receipt);
  }

  @GetMapping("/{id}")
  @Operation(summary = "An audience's size")
  AudienceService.AudienceInfoBody find(@PathVariable String id) {
    return audiences.find(id);
  }
}
