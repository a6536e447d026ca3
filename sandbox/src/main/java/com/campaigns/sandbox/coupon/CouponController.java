package com.campaigns.sandbox.coupon;

import com.campaigns.sandbox.merchant.Merchant;
import com.campaigns.sandbox.protocol.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The coupon endpoints under {@code /v3/marketing/favor/users/{openid}/coupons}. */
@RestController
record CouponController(CouponService coupons) {

  @PostMapping("/v3/marketing/favor/users/{openid}/coupons")
  Sent send(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller,
      @PathVariable String openid,
      @RequestBody(required = false) CouponService.SendBody body) {
    return new Sent(coupons.send(caller, openid, body));
  }

  @GetMapping("/v3/marketing/favor/users/{openid}/coupons/{couponId}")
  CouponView query(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller,
      @PathVariable String openid,
      @PathVariable String couponId,
      @RequestParam(required = false) String appid) {
    return coupons.query(caller, openid, couponId, appid);
  }

  @GetMapping("/v3/marketing/favor/users/{openid}/coupons")
  CouponService.CouponCollection list(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller,
      @PathVariable String openid,
      @RequestParam(required = false) String appid,
      @RequestParam(name = "stock_id", required = false) String stockId,
      @RequestParam(required = false) String status,
      @RequestParam(name = "creator_mchid", required = false) String creatorMchid,
      @RequestParam(name = "sender_mchid", required = false) String senderMchid,
      @RequestParam(name = "available_mchid", required = false) String availableMchid,
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return coupons.list(
        caller,
        openid,
        new CouponService.ListQuery(
            appid, stockId, status, creatorMchid, senderMchid, availableMchid, offset, limit));
  }

  record Sent(String couponId) {}
}
