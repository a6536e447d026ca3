package com.campaigns.starter.campaign;

import com.campaigns.starter.campaign.CampaignRequests.ReasonBody;
import com.campaigns.starter.campaign.CampaignRequests.RescheduleBody;
import com.campaigns.starter.campaign.CampaignRequests.ValidationResult;
import com.campaigns.starter.security.ApiUser;
import com.campaigns.starter.security.Operator;
import com.campaigns.starter.system.ApiError;
import com.campaigns.starter.system.BoundedBody;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.StatusDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The campaign endpoints of SPEC §4 (plus the CSV report and wave rescheduling). */
@RestController
@RequestMapping("/api/v1/campaigns")
@Tag(name = "campaigns")
record CampaignController(CampaignService campaigns, CampaignTimelines timelines) {

  /** Inline audiences are capped at 10 000 openids per wave, far below this. */
  static final int MAX_SPEC_BYTES = 4 << 20;

  @PostMapping("/validate")
  @Operation(
      summary = "Checks a campaign spec and returns the plan; nothing is started",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(implementation = CampaignSpec.class))),
      responses = {
        @ApiResponse(responseCode = "200"),
        @ApiResponse(
            responseCode = "400",
            description = "invalid_spec, listing every violation",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
      })
  ValidationResult validate(HttpServletRequest request, @AuthenticationPrincipal ApiUser user)
      throws IOException {
    return new ValidationResult(true, campaigns.validate(spec(request), Operator.of(user)).plan());
  }

  @PostMapping
  @Operation(
      summary =
          "Starts a campaign; the same campaign_id and spec again answers 200 without a second run",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(implementation = CampaignSpec.class))),
      responses = {
        @ApiResponse(responseCode = "201", description = "started"),
        @ApiResponse(responseCode = "200", description = "already started with the same spec"),
        @ApiResponse(
            responseCode = "400",
            description = "invalid_spec",
            content = @Content(schema = @Schema(implementation = ApiError.class))),
        @ApiResponse(
            responseCode = "409",
            description = "the campaign_id exists with a different spec",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
      })
  ResponseEntity<StatusDocument> start(
      HttpServletRequest request, @AuthenticationPrincipal ApiUser user) throws IOException {
    CampaignService.Started started = campaigns.start(spec(request), Operator.of(user));
    if (!started.created()) {
      return ResponseEntity.ok(started.status());
    }
    return ResponseEntity.created(URI.create("/api/v1/campaigns/" + started.status().campaignId()))
        .body(started.status());
  }

  @GetMapping
  @Operation(
      summary =
          "Lists campaigns from the campaign index, newest first, a page at a time (limit: 50 by"
              + " default, at most 500); the next page is in the Link header (rel=\"next\")")
  ResponseEntity<List<CampaignSummary>> list(
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor,
      @AuthenticationPrincipal ApiUser user) {
    // A merchant-scoped token lists its merchants' campaigns only.
    CampaignList page = campaigns.list(Operator.of(user).mchids(), cursor, limit);
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
    if (page.next() != null) {
      answer.header(HttpHeaders.LINK, page.nextLink("/api/v1/campaigns"));
    }
    return answer.body(page.campaigns());
  }

  @GetMapping("/{id}")
  @Operation(summary = "The campaign's status document")
  StatusDocument status(@PathVariable String id) {
    return campaigns.status(id);
  }

  @PostMapping(path = "/{id}/pause", consumes = MediaType.ALL_VALUE)
  @Operation(summary = "Pauses issuance and the stock; answers once the stock is paused")
  StatusDocument pause(
      @PathVariable String id,
      @RequestBody(required = false) ReasonBody body,
      @AuthenticationPrincipal ApiUser user) {
    return campaigns.pause(id, body == null ? null : body.reason(), Operator.of(user));
  }

  @PostMapping(path = "/{id}/resume", consumes = MediaType.ALL_VALUE)
  @Operation(summary = "Restarts the stock and issuance of a paused campaign")
  StatusDocument resume(@PathVariable String id, @AuthenticationPrincipal ApiUser user) {
    return campaigns.resume(id, Operator.of(user));
  }

  @PostMapping(path = "/{id}/cancel", consumes = MediaType.ALL_VALUE)
  @Operation(summary = "Stops issuing, pauses the stock and ends the campaign as CANCELLED")
  StatusDocument cancel(
      @PathVariable String id,
      @RequestBody(required = false) ReasonBody body,
      @AuthenticationPrincipal ApiUser user) {
    return campaigns.cancel(id, body == null ? null : body.reason(), Operator.of(user));
  }

  @PostMapping("/{id}/waves/{wave}/reschedule")
  @Operation(summary = "Moves a PENDING wave to a new start time (extension)")
  StatusDocument reschedule(
      @PathVariable String id,
      @PathVariable String wave,
      @RequestBody RescheduleBody body,
      @AuthenticationPrincipal ApiUser user) {
    return campaigns.reschedule(id, wave, body.startAt(), Operator.of(user));
  }

  @GetMapping("/{id}/report")
  @Operation(summary = "The reconciliation report; 409 until the flow files are downloaded")
  ReportView report(@PathVariable String id) {
    return ReportView.of(campaigns.report(id));
  }

  @GetMapping("/{id}/report.csv")
  @Operation(summary = "The reconciliation report as CSV (extension)")
  ResponseEntity<String> reportCsv(@PathVariable String id) {
    String csv = ReportCsv.write(campaigns.report(id));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + "-report.csv\"")
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .body(csv);
  }

  @GetMapping("/{id}/timeline")
  @Operation(
      summary =
          "Issued and used coupons per minute from the ledger, with running totals, budget and "
              + "thresholds (extension)")
  CampaignTimeline timeline(@PathVariable String id) {
    return timelines.timeline(id);
  }

  /** The raw spec bytes: parsed strictly by the service, so JSON problems become violations. */
  private static byte[] spec(HttpServletRequest request) throws IOException {
    return BoundedBody.read(
        request.getInputStream(), request.getContentLengthLong(), MAX_SPEC_BYTES);
  }
}
