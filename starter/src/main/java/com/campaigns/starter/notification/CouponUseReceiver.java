package com.campaigns.starter.notification;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.CouponUses;
import com.campaigns.starter.system.BoundedBody;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.MerchantCredentials;
import com.campaigns.wechatpay.WechatMerchants;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.gson.JsonParseException;
import com.wechat.pay.java.core.exception.DecryptionException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.RequestParam;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

/**
 * Receives COUPON.USE notifications. A notification is trusted only once one of our merchants' keys
 * verifies its signature over the raw body and its timestamp is fresh; it is then decrypted and
 * recorded once (unique by notification id and by coupon id). Nothing is written for a notification
 * that fails any check. A recorded use (and a duplicate delivery) is reported to the campaign's
 * workflow asynchronously, so WeChat Pay gets its answer well within its 5 s limit.
 */
@Service
class CouponUseReceiver {

  private static final Logger log = LoggerFactory.getLogger(CouponUseReceiver.class);
  private static final String DEFAULT_SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";

  private final WechatMerchants merchants;
  private final CouponUses uses;
  private final CampaignIndex index;
  private final UsageSignals signals;
  private final NotificationProperties properties;
  private final ObjectMapper json =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  CouponUseReceiver(
      WechatMerchants merchants,
      CouponUses uses,
      CampaignIndex index,
      UsageSignals signals,
      NotificationProperties properties) {
    this.merchants = merchants;
    this.uses = uses;
    this.index = index;
    this.signals = signals;
    this.properties = properties;
  }

  /** The outcome, for logs and tests. */
  enum Outcome {
    RECORDED,
    DUPLICATE,
    IGNORED
  }

  Outcome receive(
      String contentType, long contentLength, InputStream in, NotificationHeaders headers) {
    if (!isJson(contentType)) {
      throw NotificationRejected.unsupportedType();
    }
    byte[] bytes = BoundedBody.read(in, contentLength, (int) properties.maxBodySize().toBytes());
    checkHeaders(headers);
    String body = new String(bytes, StandardCharsets.UTF_8);
    NotificationEnvelope envelope = envelope(body);
    Verified verified = verify(headers, body);
    if (!NotificationEnvelope.COUPON_USE.equals(envelope.eventType())) {
      log.info(
          "notification {} of type {} for merchant {} ignored",
          envelope.id(),
          envelope.eventType(),
          verified.mchid());
      return Outcome.IGNORED;
    }
    return record(envelope, verified.mchid(), verified.resource());
  }

  private Outcome record(NotificationEnvelope envelope, String verifiedBy, CouponUseResource use) {
    checkResource(use);
    if (!"USED".equals(use.status())) {
      log.info(
          "notification {}: coupon {} is {}, not USED; nothing recorded",
          envelope.id(),
          use.couponId(),
          use.status());
      return Outcome.IGNORED;
    }
    CampaignIndex.Entry entry = index.findByStock(use.stockId()).orElse(null);
    if (entry != null && !verifiedBy.equals(entry.mchid())) {
      // Signed and encrypted for one merchant, about another merchant's campaign: never counted.
      log.warn(
          "notification {}: verified for merchant {} but stock {} is campaign {} of merchant {};"
              + " refused",
          envelope.id(),
          verifiedBy,
          use.stockId(),
          entry.campaignId(),
          entry.mchid());
      throw NotificationRejected.merchantMismatch(
          "the notification is verified for merchant "
              + verifiedBy
              + ", not for the merchant of stock "
              + use.stockId());
    }
    String campaignId = entry == null ? null : entry.campaignId();
    if (campaignId == null) {
      log.warn(
          "notification {}: stock {} belongs to no campaign of this deployment",
          envelope.id(),
          use.stockId());
    }
    boolean recorded =
        uses.record(
            new CouponUses.Use(
                envelope.id(),
                use.couponId(),
                use.stockId(),
                campaignId,
                use.amount(),
                use.consumeTime(),
                use.consumeMchid(),
                use.transactionId()),
            payload(use));
    // A duplicate reports too: WeChat Pay sends again when our answer to the first delivery was
    // lost, and the report of that first delivery may have been lost with it (the API killed).
    if (campaignId != null) {
      signals.request(campaignId);
    }
    if (!recorded) {
      log.debug("notification {} (coupon {}) was already recorded", envelope.id(), use.couponId());
      return Outcome.DUPLICATE;
    }
    return Outcome.RECORDED;
  }

  private void checkHeaders(NotificationHeaders h) {
    if (blank(h.timestamp())) {
      throw NotificationRejected.unauthenticated(NotificationHeaders.TIMESTAMP + " is missing");
    }
    long seconds;
    try {
      seconds = Long.parseLong(h.timestamp().strip());
    } catch (NumberFormatException e) {
      throw NotificationRejected.unauthenticated(
          NotificationHeaders.TIMESTAMP + " is not a number of seconds");
    }
    // Protocol time is wall time (WeChat Pay signs with its real clock), never a business clock.
    // Compared as numbers: Instant.ofEpochSecond throws (a 500) for a timestamp beyond year 1e9.
    long now = Instant.now().getEpochSecond();
    long skew = properties.maxClockSkew().toSeconds();
    if (seconds < now - skew || seconds > now + skew) {
      throw NotificationRejected.stale(
          NotificationHeaders.TIMESTAMP
              + " is more than "
              + properties.maxClockSkew().toMinutes()
              + " minutes from now");
    }
    if (blank(h.serial()) || blank(h.nonce()) || blank(h.signature())) {
      throw NotificationRejected.unauthenticated("the WeChat Pay signature headers are missing");
    }
    try {
      Base64.getDecoder().decode(h.signature().strip());
    } catch (IllegalArgumentException e) {
      throw NotificationRejected.unauthenticated(NotificationHeaders.SIGNATURE + " is not Base64");
    }
  }

  private NotificationEnvelope envelope(String body) {
    NotificationEnvelope envelope;
    try {
      envelope = json.readValue(body, NotificationEnvelope.class);
    } catch (JsonProcessingException e) {
      throw NotificationRejected.malformed(
          "the body is not a WeChat Pay notification (JSON object expected)");
    }
    String problem = envelope == null ? "empty body" : envelope.problem();
    if (problem != null) {
      throw NotificationRejected.malformed("the notification is malformed: " + problem);
    }
    return envelope;
  }

  private record Verified(String mchid, CouponUseResource resource) {}

  /**
   * Finds the merchant whose WeChat Pay key signed the body and decrypts with its APIv3 key. A
   * public key is chosen by its id (the serial header); certificate-mode merchants are tried after.
   */
  private Verified verify(NotificationHeaders h, String body) {
    RequestParam param =
        new RequestParam.Builder()
            .serialNumber(h.serial().strip())
            .nonce(h.nonce())
            .timestamp(h.timestamp().strip())
            .signature(h.signature().strip())
            .signType(blank(h.signatureType()) ? DEFAULT_SIGNATURE_TYPE : h.signatureType())
            .body(body)
            .build();
    for (MerchantClient merchant : candidates(param.getSerialNumber())) {
      try {
        return new Verified(
            merchant.mchid(), merchant.notifications().parse(param, CouponUseResource.class));
      } catch (ValidationException e) {
        // Not this merchant's key (or a forged signature): try the next one.
      } catch (MalformedMessageException
          | DecryptionException
          | JsonParseException
          | IllegalArgumentException
          | NullPointerException e) {
        // Signed with a key we know, but the content cannot be decrypted or read.
        log.warn(
            "notification for merchant {} verified but unreadable: {}",
            merchant.mchid(),
            e.getClass().getSimpleName());
        throw NotificationRejected.malformed(
            "the notification's resource cannot be decrypted or read");
      }
    }
    throw NotificationRejected.unauthenticated(
        "no merchant's WeChat Pay key verifies the signature");
  }

  /** The serial names a public key id, or else a platform certificate held by some merchant. */
  private List<MerchantClient> candidates(String serial) {
    List<MerchantClient> byKeyId = new ArrayList<>();
    List<MerchantClient> certificateMode = new ArrayList<>();
    for (MerchantClient m : merchants.all()) {
      if (serial.equals(m.publicKeyId())) {
        byKeyId.add(m);
      } else if (MerchantCredentials.PLATFORM_CERTIFICATE.equals(m.mode())) {
        certificateMode.add(m);
      }
    }
    return byKeyId.isEmpty() ? certificateMode : byKeyId;
  }

  private static void checkResource(CouponUseResource use) {
    if (use == null || blank(use.stockId()) || blank(use.couponId())) {
      throw NotificationRejected.malformed("the coupon lacks stock_id or coupon_id");
    }
    if (use.stockId().length() > 32
        || use.couponId().length() > 32
        || longer(use.consumeTime(), 40)
        || longer(use.consumeMchid(), 32)
        || longer(use.transactionId(), 64)) {
      throw NotificationRejected.malformed(
          "a field of the coupon is longer than WeChat Pay allows");
    }
    if (use.amount() < 0) {
      throw NotificationRejected.malformed("coupon_amount is negative");
    }
  }

  private String payload(CouponUseResource use) {
    try {
      return json.writeValueAsString(use);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isJson(String contentType) {
    try {
      return contentType != null
          && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))
          && !MediaType.parseMediaType(contentType).isWildcardSubtype();
    } catch (IllegalArgumentException e) {
      // MediaType.parseMediaType throws InvalidMediaTypeException (an IllegalArgumentException) for
      // "nonsense"; catching only InvalidMimeTypeException let it through as a 500.
      return false;
    }
  }

  private static boolean longer(String s, int max) {
    return s != null && s.length() > max;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
