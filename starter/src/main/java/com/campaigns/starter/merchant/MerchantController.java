package com.campaigns.starter.merchant;

import com.campaigns.starter.security.ApiUser;
import com.campaigns.wechatpay.MerchantChecks;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/merchants}: every merchant known to the registry with its mode, state,
 * problems (merchant, field) and a live check (a signed query to WeChat Pay whose answer must
 * verify; reused for {@code campaigns.wechatpay.check-interval}) and its COUPON.USE callback
 * against the product's ({@link CallbackStandings}). Secrets are never part of the answer.
 */
@RestController
class MerchantController {

  private final MerchantChecks checks;
  private final CallbackStandings callbacks;

  MerchantController(MerchantChecks checks, CallbackStandings callbacks) {
    this.checks = checks;
    this.callbacks = callbacks;
  }

  @GetMapping("/api/v1/merchants")
  MerchantView.Listing merchants(@AuthenticationPrincipal ApiUser user) {
    List<MerchantChecks.Checked> all =
        checks.all().stream().filter(c -> user.seesMerchant(c.merchant().mchid())).toList();
    Map<String, MerchantView.Callback> standings =
        callbacks.of(all.stream().map(c -> c.merchant().mchid()).toList());
    return new MerchantView.Listing(
        all.stream().map(c -> MerchantView.of(c, standings.get(c.merchant().mchid()))).toList());
  }
}
