package com.campaigns.sandbox.notify;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.crypto.Nonces;
import com.campaigns.sandbox.crypto.SigningKey;
import com.campaigns.sandbox.merchant.Merchant;
import com.campaigns.sandbox.protocol.AeadCipher;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Delivers COUPON.USE notifications to the stock creator's callback URL: the coupon JSON encrypted
 * with the APIv3 key (AEAD_AES_256_GCM, associated data "coupon"), the envelope signed with the
 * merchant's default platform key. An answer other than 200 or 204, or a timeout, is retried once
 * per {@code sandbox.notify.retry-interval} until {@code max-attempts} attempts were made. A
 * redelivery (WeChat Pay sending an event again) is one send beside that schedule: it neither uses
 * up its attempts nor starts a second one.
 */
@Component
public class CouponUseNotifier implements DisposableBean {

  private static final String ASSOCIATED_DATA = "coupon";

  private final NotifySettings settings;
  private final Callbacks callbacks;
  private final BusinessClock clock;
  private final ObjectMapper json;
  private final ScheduledExecutorService scheduler;
  private final HttpClient http;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  public CouponUseNotifier(
      NotifySettings settings, Callbacks callbacks, BusinessClock clock, ObjectMapper json) {
    this.settings = settings;
    this.callbacks = callbacks;
    this.clock = clock;
    this.json = json;
    AtomicInteger threads = new AtomicInteger();
    this.scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "sandbox-notify-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .executor(scheduler)
            .build();
  }

  /**
   * Queues a COUPON.USE notification for the merchant's callback; without a callback nothing is
   * sent.
   */
  public void couponUsed(Merchant merchant, String couponId, Object coupon) {
    var callback = callbacks.find(merchant.mchid());
    if (callback.isEmpty()) {
      return;
    }
    String nonce = Nonces.alphanumeric(12);
    byte[] plaintext;
    try {
      plaintext = json.writeValueAsBytes(coupon);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Envelope envelope =
        new Envelope(
            "EV-" + Nonces.digits(19),
            BusinessClock.format(clock.now()),
            "encrypt-resource",
            "COUPON.USE",
            "用券成功",
            new Resource(
                "coupon",
                AeadCipher.ALGORITHM,
                AeadCipher.encrypt(merchant.apiV3Key(), nonce, ASSOCIATED_DATA, plaintext),
                ASSOCIATED_DATA,
                nonce));
    byte[] body;
    try {
      body = json.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Delivery delivery =
        new Delivery(
            envelope.id(),
            couponId,
            merchant.mchid(),
            callback.get().notifyUrl(),
            merchant.defaultSigner(),
            body);
    deliveries.add(delivery);
    scheduler.execute(() -> attempt(delivery, true));
  }

  /**
   * Sends already queued notifications once more, in the order given: the same event id and
   * ciphertext with a fresh timestamp, nonce and signature, as WeChat Pay does when it believes a
   * delivery failed. Listing older ids after newer ones gives out-of-order deliveries. Each is one
   * more send outside the retry schedule: a failed one is not retried, and the schedule keeps its
   * attempts (when a redelivery used them up, a callback down for a minute lost notifications that
   * WeChat Pay's own schedule would still have delivered). Returns the ids found, in order.
   */
  public List<String> redeliver(List<String> ids) {
    List<String> sent = new ArrayList<>();
    for (String id : ids) {
      deliveries.stream()
          .filter(d -> d.id.equals(id))
          .findFirst()
          .ifPresent(
              d -> {
                sent.add(id);
                scheduler.execute(() -> attempt(d, false));
              });
    }
    return sent;
  }

  /** Every notification queued so far, oldest first. */
  public List<DeliveryView> deliveries() {
    List<DeliveryView> views = new ArrayList<>();
    deliveries.forEach(d -> views.add(d.view()));
    return views;
  }

  /**
   * One send; {@code scheduled}: an attempt of the retry schedule (counted against {@code
   * max-attempts} and followed by the next one if it fails), otherwise a redelivery.
   */
  private void attempt(Delivery delivery, boolean scheduled) {
    SigningKey key = delivery.key;
    byte[] body = delivery.body;
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    String nonce = Nonces.hex(16);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(delivery.url))
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("Request-ID", Nonces.hex(16))
            .header("Wechatpay-Timestamp", timestamp)
            .header("Wechatpay-Nonce", nonce)
            .header("Wechatpay-Signature", key.sign(timestamp, nonce, body))
            .header("Wechatpay-Serial", key.serial())
            .header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              int status = response == null ? 0 : response.statusCode();
              // WeChat Pay takes only 200 and 204 as received; any other answer is retried.
              boolean delivered = failure == null && (status == 200 || status == 204);
              int attempts =
                  delivery.attempted(
                      scheduled, status, delivered, failure == null ? null : failure.toString());
              if (!scheduled) {
                return;
              }
              if (!delivered && attempts < settings.maxAttempts() && !scheduler.isShutdown()) {
                scheduler.schedule(
                    () -> attempt(delivery, true),
                    settings.retryInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
              } else if (!delivered) {
                delivery.gaveUp();
              }
            });
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }

  record Envelope(
      String id,
      String createTime,
      String resourceType,
      String eventType,
      String summary,
      Resource resource) {}

  record Resource(
      String originalType,
      String algorithm,
      String ciphertext,
      String associatedData,
      String nonce) {}

  /**
   * What the admin API shows of one notification; {@code gaveUp}: not delivered and no further
   * attempt is scheduled (a redelivery sends once more but schedules none).
   */
  public record DeliveryView(
      String id,
      String couponId,
      String mchid,
      String notifyUrl,
      int attempts,
      boolean delivered,
      Integer lastStatus,
      String lastError,
      boolean gaveUp) {}

  private static final class Delivery {
    private final String id;
    private final String couponId;
    private final String mchid;
    private final String url;
    private final SigningKey key;
    private final byte[] body;
    private int attempts;
    private int scheduledAttempts;
    private boolean delivered;
    private Integer lastStatus;
    private String lastError;
    private boolean gaveUp;

    Delivery(String id, String couponId, String mchid, String url, SigningKey key, byte[] body) {
      this.id = id;
      this.couponId = couponId;
      this.mchid = mchid;
      this.url = url;
      this.key = key;
      this.body = body;
    }

    /** Records a send; answers the retry schedule's attempts so far. */
    synchronized int attempted(boolean scheduled, int status, boolean ok, String error) {
      attempts++;
      if (scheduled) {
        scheduledAttempts++;
        gaveUp = false;
      }
      // Delivered once is delivered: a later redelivery that fails does not undo it.
      delivered = delivered || ok;
      lastStatus = status == 0 ? null : status;
      lastError = error;
      return scheduledAttempts;
    }

    synchronized void gaveUp() {
      gaveUp = true;
    }

    synchronized DeliveryView view() {
      return new DeliveryView(
          id,
          couponId,
          mchid,
          url,
          attempts,
          delivered,
          lastStatus,
          lastError,
          gaveUp && !delivered);
    }
  }
}
