package com.campaigns.starter.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** WeChat Pay's COUPON.USE callback (outside /api/v1: WeChat Pay calls it, not marketers). */
@RestController
@Tag(name = "wechatpay")
class CouponNotificationController {

  private final CouponUseReceiver receiver;

  CouponNotificationController(CouponUseReceiver receiver) {
    this.receiver = receiver;
  }

  @PostMapping("/wechatpay/notifications/coupon")
  @Operation(summary = "COUPON.USE notification: 204 once verified and recorded (duplicates too)")
  ResponseEntity<Void> couponUsed(HttpServletRequest request) throws IOException {
    // The raw bytes: the signature covers the body exactly as sent.
    receiver.receive(
        request.getContentType(),
        request.getContentLengthLong(),
        request.getInputStream(),
        new NotificationHeaders(
            request.getHeader(NotificationHeaders.SERIAL),
            request.getHeader(NotificationHeaders.NONCE),
            request.getHeader(NotificationHeaders.TIMESTAMP),
            request.getHeader(NotificationHeaders.SIGNATURE),
            request.getHeader(NotificationHeaders.SIGNATURE_TYPE)));
    return ResponseEntity.noContent().build();
  }
}
