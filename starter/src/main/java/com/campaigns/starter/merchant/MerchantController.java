package com.campaigns.starter.merchant;

import com.campaigns.wechatpay.MerchantChecks;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/merchants}: every merchant known to the registry with its mode, state,
 * problems (merchant, field) and a live check (a signed query to WeChat Pay whose answer must
 * verify; reused for {@code campaigns.wechatpay.check-interval}). Secrets are never part of the
 * answer.
 */
@RestController
class MerchantController {

  private final MerchantChecks checks;

  MerchantController(MerchantChecks checks) {
    this.checks = checks;
  }

  @GetMapping("/api/v1/merchants")
  MerchantView.Listing merchants() {
    return new MerchantView.Listing(checks.all().stream().map(MerchantView::of).toList());
  }
}
