package com.campaigns.sandbox.admin;

import com.campaigns.sandbox.SandboxMerchant;
import com.campaigns.sandbox.merchant.Merchants;
import com.campaigns.sandbox.protocol.Rejected;
import java.time.Duration;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /sandbox/merchants[/{mchid}]}: provisioned merchants and their credentials; {@code
 * POST /sandbox/merchants/{mchid}/rotate}: a new merchant API key and serial.
 */
@RestController
class MerchantAdminController {

  private final Merchants merchants;

  MerchantAdminController(Merchants merchants) {
    this.merchants = merchants;
  }

  @GetMapping("/sandbox/merchants")
  List<SandboxMerchant> all() {
    return merchants.all().stream().map(SandboxMerchant::of).toList();
  }

  @GetMapping("/sandbox/merchants/{mchid}")
  SandboxMerchant one(@PathVariable String mchid) {
    return merchants
        .find(mchid)
        .map(SandboxMerchant::of)
        .orElseThrow(() -> new Rejected(404, "MCH_NOT_EXISTS", "商户号不存在"));
  }

  /**
   * Rotates the merchant API key: answers the merchant's new credentials. Body (optional): {@code
   * {"grace_seconds": 0}}: how long the old key is still accepted; 0 (the default) refuses it at
   * once with 401 SIGN_ERROR.
   */
  @PostMapping("/sandbox/merchants/{mchid}/rotate")
  SandboxMerchant rotate(
      @PathVariable String mchid, @RequestBody(required = false) RotateRequest request) {
    if (merchants.find(mchid).isEmpty()) {
      throw new Rejected(404, "MCH_NOT_EXISTS", "商户号不存在");
    }
    long grace = request == null || request.graceSeconds() == null ? 0 : request.graceSeconds();
    if (grace < 0 || grace > 86_400) {
      throw new Rejected(400, "PARAM_ERROR", "grace_seconds must be 0..86400");
    }
    return SandboxMerchant.of(merchants.rotate(mchid, Duration.ofSeconds(grace)));
  }

  record RotateRequest(Long graceSeconds) {}
}
