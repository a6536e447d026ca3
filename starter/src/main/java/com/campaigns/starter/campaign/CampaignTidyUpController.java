package com.campaigns.starter.campaign;

import com.campaigns.starter.security.ApiUser;
import com.campaigns.starter.security.Operator;
import com.campaigns.workflows.model.StatusDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Ops' tidy-up after a terminated run (an extension of SPEC §4; docs/operations.md). */
@RestController
@Tag(name = "campaigns")
record CampaignTidyUpController(CampaignTidyUps tidyUps) {

  @PostMapping(path = "/api/v1/campaigns/{id}/tidy-up", consumes = MediaType.ALL_VALUE)
  @Operation(
      summary =
          "Ops: pauses the stock of a terminated, timed-out or failed campaign and settles its"
              + " counts from the ledger (extension)")
  StatusDocument tidyUp(@PathVariable String id, @AuthenticationPrincipal ApiUser user) {
    return tidyUps.tidyUp(id, Operator.of(user));
  }
}
