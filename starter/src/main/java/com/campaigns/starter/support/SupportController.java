package com.campaigns.starter.support;

import com.campaigns.starter.security.ApiUser;
import com.campaigns.starter.security.Operator;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Support lookups (extension): a user's coupons, a campaign stock's merchants and items, and the
 * merchants' callback URL. Numbers in the query are taken as text and checked by the service, so a
 * bad one is refused with a message naming the parameter.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "support")
record SupportController(SupportService support, MerchantCallbacks callbacks) {

  @GetMapping("/users/{openid}/coupons")
  @Operation(
      summary =
          "The user's coupons created by the merchant, joined with the ledger (issued_by, use_notification)")
  SupportService.Page<ObjectNode> userCoupons(
      @PathVariable String openid,
      @RequestParam(required = false) String mchid,
      @RequestParam(required = false) String appid,
      @RequestParam(name = "stock_id", required = false) String stockId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String offset,
      @RequestParam(required = false) String limit) {
    return support.userCoupons(openid, mchid, appid, stockId, status, offset, limit);
  }

  @GetMapping("/users/{openid}/coupons/{couponId}")
  @Operation(
      summary =
          "One coupon of the user as WeChat Pay has it (with consume_information), joined with the ledger")
  ObjectNode userCoupon(
      @PathVariable String openid,
      @PathVariable String couponId,
      @RequestParam(required = false) String mchid,
      @RequestParam(required = false) String appid) {
    return support.userCoupon(openid, couponId, mchid, appid);
  }

  @GetMapping("/campaigns/{id}/merchants")
  @Operation(
      summary = "Merchants where the campaign's coupons can be used (offset ≤ 1000, limit ≤ 50)")
  SupportService.Page<String> merchants(
      @PathVariable String id,
      @RequestParam(required = false) String offset,
      @RequestParam(required = false) String limit) {
    return support.merchantsOf(id, offset, limit);
  }

  @GetMapping("/campaigns/{id}/items")
  @Operation(summary = "Goods the campaign's coupons apply to (offset ≤ 500, limit ≤ 100)")
  SupportService.Page<String> items(
      @PathVariable String id,
      @RequestParam(required = false) String offset,
      @RequestParam(required = false) String limit) {
    return support.itemsOf(id, offset, limit);
  }

  @GetMapping("/merchants/{mchid}/callback")
  @Operation(summary = "The merchant's COUPON.USE callback URL at WeChat Pay")
  MerchantCallbacks.CallbackInfo callback(@PathVariable String mchid) {
    return callbacks.callback(mchid);
  }

  @PutMapping("/merchants/{mchid}/callback")
  @Operation(
      summary =
          "Sets the merchant's COUPON.USE callback URL (https, no query string, ≤ 256 characters)")
  MerchantCallbacks.CallbackInfo setCallback(
      @PathVariable String mchid,
      @RequestBody CallbackBody body,
      @AuthenticationPrincipal ApiUser user) {
    return callbacks.setCallback(mchid, body.notifyUrl(), Operator.of(user));
  }

  /** {@code {"notify_url": "https://..."}}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CallbackBody(String notifyUrl) {}
}
