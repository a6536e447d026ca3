package com.campaigns.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;

/** What happened during a demo run, for the final checks. */
final class Observed {

  long redeemed;
  long refunded;
  boolean vipRedeemed;
  boolean allRedeemed;
  JsonNode finalStatus;
  JsonNode report;
}
