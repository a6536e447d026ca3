package com.campaigns.sandbox.admin;

import com.campaigns.sandbox.SandboxMerchant;
import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.funds.MerchantFunds;
import com.campaigns.sandbox.merchant.Merchants;
import com.campaigns.sandbox.protocol.Rejected;
import java.time.Duration;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /sandbox/merchants[/{mchid}]}: provisioned merchants and their credentials; {@code
 * POST /sandbox/merchants/{mchid}/rotate}: a new merchant API key and serial; {@code GET|PUT|DELETE
 * /sandbox/merchants/{mchid}/balance}: the balance pre-funded stocks lock.
 */
@RestController
class MerchantAdminController {

  private final Merchants merchants;
  private final MerchantFunds funds;
  private final BusinessClock clock;

  MerchantAdminController(Merchants merchants, MerchantFunds funds, BusinessClock clock) {
    this.merchants = merchants;
    this.funds = funds;
    this.clock = clock;
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

  @GetMapping("/sandbox/merchants/{mchid}/balance")
  MerchantFunds.Balance balance(@PathVariable String mchid) {
    known(mchid);
    return funds.balance(mchid, clock.now());
  }

  /**
   * Sets what the merchant has paid in, in fen: body {@code {"deposit": 100000}}. Pre-funded stocks
   * then start only while the balance covers their budget.
   */
  @PutMapping("/sandbox/merchants/{mchid}/balance")
  MerchantFunds.Balance deposit(@PathVariable String mchid, @RequestBody DepositRequest request) {
    known(mchid);
    if (request == null || request.deposit() == null || request.deposit() < 0) {
      throw new Rejected(400, "PARAM_ERROR", "deposit must be a number of fen >= 0");
    }
    funds.deposit(mchid, request.deposit());
    return funds.balance(mchid, clock.now());
  }

  /** Back to unlimited funds (the default). */
  @DeleteMapping("/sandbox/merchants/{mchid}/balance")
  ResponseEntity<Void> unlimited(@PathVariable String mchid) {
    known(mchid);
    funds.unlimited(mchid);
    return ResponseEntity.noContent().build();
  }

  private void known(String mchid) {
    if (merchants.find(mchid).isEmpty()) {
      throw new Rejected(404, "MCH_NOT_EXISTS", "商户号不存在");
    }
  }

  record RotateRequest(Long graceSeconds) {}

  record DepositRequest(Long deposit) {}
}
