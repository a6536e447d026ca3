package com.campaigns.sandbox.admin;

import com.campaigns.sandbox.SandboxMerchant;
import com.campaigns.sandbox.merchant.Merchants;
import com.campaigns.sandbox.protocol.Rejected;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /sandbox/merchants[/{mchid}]}: provisioned merchants and their credentials. */
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
    return merchants.find(mchid).map(SandboxMerchant::of)
        .orElseThrow(() -> new Rejected(404, "MCH_NOT_EXISTS", "商户号不存在"));
  }
}
