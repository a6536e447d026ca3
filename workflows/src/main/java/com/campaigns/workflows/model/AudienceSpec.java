package com.campaigns.workflows.model;

import java.util.List;

/**
 * A wave's recipients: inline openids (small lists, converted to a stored audience before the
 * workflow starts) or the id of an uploaded audience. Workflows only ever see the id.
 */
@SnakeCaseNonNull
public record AudienceSpec(List<String> openids, String audienceId) {

  public static AudienceSpec ofId(String audienceId) {
    return new AudienceSpec(null, audienceId);
  }
}
