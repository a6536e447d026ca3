package com.campaigns.activities.issuance;

import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.ledger.IssuanceLedger.Outcome;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatError;
import com.campaigns.wechatpay.WechatErrorClassifier;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.model.IssueRequest;
import com.campaigns.workflows.model.IssueStop;
import com.campaigns.workflows.model.OutRequestNo;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends one coupon to one recipient of a segment, on a sender thread, until WeChat Pay gives a
 * final answer or the segment stops. Each try takes the merchant's current client from the
 * registry, so a key rotated while the segment runs is used from the next send on; a merchant
 * removed meanwhile stops the segment. Sends to one openid are serialized ({@link OpenidLocks}).
 */
final class CouponSender {

  private final IssueRequest r;
  private final WechatMerchants merchants;
  private final OpenidLocks locks;
  private final SlotPacer pacer;
  private final IssuanceSettings settings;
  private final IssuanceMetrics metrics;
  private final ProgressReporter progress;
  private final AnswerRecorder answers;
  private final SegmentStop stop;
  private final StockFactsReader facts;
  private final AtomicInteger unknownInARow = new AtomicInteger();
  private final AtomicInteger unexplainedInARow = new AtomicInteger();

  CouponSender(
      IssueRequest r,
      WechatMerchants merchants,
      OpenidLocks locks,
      SlotPacer pacer,
      IssuanceSettings settings,
      IssuanceMetrics metrics,
      ProgressReporter progress,
      AnswerRecorder answers,
      SegmentStop stop,
      StockFactsReader facts) {
    this.r = r;
    this.merchants = merchants;
    this.locks = locks;
    this.pacer = pacer;
    this.settings = settings;
    this.metrics = metrics;
    this.progress = progress;
    this.answers = answers;
    this.stop = stop;
    this.facts = facts;
  }

  void send(long seq, String openid) {
    String outRequestNo = OutRequestNo.forCoupon(r.outRequestNoPrefix(), r.waveIndex(), openid);
    SendCouponRequest request = new SendCouponRequest();
    request.setOpenid(openid);
    request.setStockId(r.stockId());
    request.setOutRequestNo(outRequestNo);
    request.setAppid(r.appid());
    request.setStockCreatorMchid(r.mchid());
    ReentrantLock lock = locks.lockFor(r.mchid(), openid);
    lock.lock();
    try {
      SendRetries retries = new SendRetries(settings);
      while (!stop.stopped()) {
        MerchantClient client = merchants.find(r.mchid()).orElse(null);
        if (client == null) {
          stop.merchantGone();
          return;
        }
        try {
          String couponId = client.coupons().sendCoupon(request).getCouponId();
          unknownInARow.set(0);
          unexplainedInARow.set(0);
          progress.issued();
          metrics.issued(r.mchid());
          answers.add(
              outcome(seq, openid, outRequestNo, IssuanceLedger.ISSUED, couponId, null, null));
          return;
        } catch (RuntimeException e) {
          WechatError error = WechatErrorClassifier.classify(e);
          SendRetries.Next next =
              retries.after(
                  error,
                  () -> merchants.find(r.mchid()).filter(now -> now != client).isPresent(),
                  facts::read);
          if (!act(
              next, next.evidence() == null ? error : next.evidence(), seq, openid, outRequestNo)) {
            return;
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Carries out one decision, with {@code error} as its evidence; true when the send goes on. */
  private boolean act(
      SendRetries.Next next, WechatError error, long seq, String openid, String outRequestNo) {
    switch (next.action()) {
      case RESEND_WITH_NEW_KEY -> {
        return true;
      }
      case RESEND_AFTER_DELAY -> {
        Waits.millis(next.delayMillis());
        return true;
      }
      case RETRY_IN_A_NEW_SLOT -> {
        metrics.retried(r.mchid(), error.code());
        Waits.millis(next.delayMillis());
        // A retry is a send like any other: it waits for its own slot, so retries never push the
        // merchant above its rate.
        Waits.untilMicros(pacer.next());
        return true;
      }
      case GIVE_UP -> {
        metrics.retried(r.mchid(), error.code());
        stop.transientFailure(error);
        return false;
      }
      case REJECT -> {
        unknownInARow.set(0);
        reject(error, seq, openid, outRequestNo);
        return false;
      }
      case REJECT_UNEXPLAINED -> {
        reject(error, seq, openid, outRequestNo);
        if (unexplainedInARow.incrementAndGet() >= settings.unknownCodesBeforeStop()) {
          // Refusals of one recipient after another while the stock can issue are probably not
          // about the recipients (a wrong appid, a merchant without permission): stop and show it.
          stop.stop(
              IssueStop.STOCK_LEVEL,
              error.code(),
              settings.unknownCodesBeforeStop()
                  + " recipients in a row refused while the stock can issue: "
                  + error.describe());
        }
        return false;
      }
      case RECORD_UNKNOWN -> {
        answers.add(
            outcome(
                seq,
                openid,
                outRequestNo,
                IssuanceLedger.FAILED,
                null,
                error.code(),
                error.message()));
        metrics.failed(r.mchid(), error.code());
        if (unknownInARow.incrementAndGet() >= settings.unknownCodesBeforeStop()) {
          stop.stop(
              IssueStop.STOCK_LEVEL,
              error.code(),
              settings.unknownCodesBeforeStop() + " unknown answers in a row: " + error.describe());
        }
        return false;
      }
      case STOP_SEGMENT -> {
        stop.stop(next.stop(), error.code(), error.message());
        return false;
      }
      default -> throw new IllegalStateException("unhandled " + next.action());
    }
  }

  private void reject(WechatError error, long seq, String openid, String outRequestNo) {
    progress.rejected();
    metrics.rejected(r.mchid(), error.code());
    answers.add(
        outcome(
            seq,
            openid,
            outRequestNo,
            IssuanceLedger.REJECTED,
            null,
            error.code(),
            error.message()));
  }

  private Outcome outcome(
      long seq,
      String openid,
      String outRequestNo,
      String status,
      String couponId,
      String code,
      String message) {
    return new Outcome(
        r.campaignId(),
        r.waveIndex(),
        seq,
        openid,
        outRequestNo,
        r.stockId(),
        status,
        couponId,
        code,
        message,
        IssuanceLedger.ISSUED.equals(status) ? r.couponAmount() : 0);
  }
}
