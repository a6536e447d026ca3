package com.campaigns.starter.campaign;

import com.campaigns.starter.security.ApiUser;
import com.campaigns.starter.system.ApiError;
import com.campaigns.workflows.model.StatusDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Four-eyes approval (extension): approve or reject a campaign AWAITING_APPROVAL. */
@RestController
@RequestMapping("/api/v1/campaigns")
@Tag(name = "campaigns")
record CampaignApprovalController(CampaignApprovals approvals) {

  /** The optional body of approve and reject: a note kept in the campaign's history. */
  record NoteBody(String note) {}

  @PostMapping(path = "/{id}/approve", consumes = MediaType.ALL_VALUE)
  @Operation(
      summary = "Approves a campaign AWAITING_APPROVAL (approver role; not its starter)",
      responses = {
        @ApiResponse(responseCode = "200", description = "approved; the stock is created next"),
        @ApiResponse(
            responseCode = "403",
            description = "self_approval: the caller started the campaign",
            content = @Content(schema = @Schema(implementation = ApiError.class))),
        @ApiResponse(
            responseCode = "409",
            description = "not_awaiting_approval",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
      })
  StatusDocument approve(
      @PathVariable String id,
      @RequestBody(required = false) NoteBody body,
      @AuthenticationPrincipal ApiUser user) {
    return approvals.approve(id, body == null ? null : body.note(), user);
  }

  @PostMapping(path = "/{id}/reject", consumes = MediaType.ALL_VALUE)
  @Operation(
      summary = "Rejects a campaign AWAITING_APPROVAL: it ends REJECTED without a stock",
      responses = {
        @ApiResponse(responseCode = "200", description = "rejected"),
        @ApiResponse(
            responseCode = "403",
            description = "self_approval: the caller started the campaign",
            content = @Content(schema = @Schema(implementation = ApiError.class))),
        @ApiResponse(
            responseCode = "409",
            description = "not_awaiting_approval",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
      })
  StatusDocument reject(
      @PathVariable String id,
      @RequestBody(required = false) NoteBody body,
      @AuthenticationPrincipal ApiUser user) {
    return approvals.reject(id, body == null ? null : body.note(), user);
  }
}
