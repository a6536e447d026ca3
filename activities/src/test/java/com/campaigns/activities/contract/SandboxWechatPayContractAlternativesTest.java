package com.campaigns.activities.contract;

import java.util.Map;

/**
 * The contract against the sandbox playing its other alternatives for a repeated move and a
 * repeated create: the product's reliance still holds, and the report names the alternative (so a
 * real merchant's run settles the guess).
 */
class SandboxWechatPayContractAlternativesTest extends SandboxWechatPayContractTest {

  @Override
  Map<String, String> alternatives() {
    return Map.of(
        "sandbox.unconfirmed.repeated-move", "PARAM_ERROR",
        "sandbox.unconfirmed.repeated-create", "INVALID_REQUEST",
        "sandbox.unconfirmed.unset-callback", "NOT_FOUND");
  }
}
