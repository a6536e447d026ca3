package com.campaigns.activities.issuance;

import com.campaigns.activities.wechat.WechatFailures;
import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.ledger.SendSlots;
import com.campaigns.ledger.audience.AudienceStore;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.activity.IssuanceActivities;
import com.campaigns.workflows.model.AudienceInfo;
import com.campaigns.workflows.model.FailureTypes;
import com.campaigns.workflows.model.IssueRequest;
import com.campaigns.workflows.model.IssueResult;
import com.campaigns.workflows.model.IssueStop;
import com.campaigns.workflows.model.SegmentTotals;
import com.campaigns.workflows.model.WaveSummary;
import com.campaigns.workflows.model.WaveSummaryRequest;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues a segment of a wave. The ledger is the checkpoint: a run skips every recipient that
 * already has a final outcome, so a retried, resumed or re-assigned segment continues at the exact
 * recipient, and a send repeated after a lost answer reuses its out_request_no, which WeChat Pay
 * answers with the coupon it already issued. Per-recipient refusals are recorded, not thrown.
 *
 * <p>A segment run is a few parts: the {@link SegmentDispatcher} (audience order, in-flight limit,
 * send slots, issue cap), the {@link CouponSender} on the shared sender threads (one recipient
 * until a final answer) with its classification step {@link SendRetries}, the {@link
 * AnswerRecorder} (batched ledger writes), the {@link ProgressReporter} (counts and heartbeats) and
 * the {@link SegmentStop} they share. This class wires them per call and turns the end state into
 * the activity's result or failure.
 */
@Component
@ActivityImpl(taskQueues = TemporalNames.TASK_QUEUE)
public class IssuanceActivitiesImpl implements IssuanceActivities {

  private static final Logger log = LoggerFactory.getLogger(IssuanceActivitiesImpl.class);

  private final WechatMerchants merchants;
  private final AudienceStore audiences;
  private final IssuanceLedger ledger;
  private final SendSlots slots;
  private final IssuanceSettings settings;
  private final IssuanceMetrics metrics;
  private final ExecutorService senders;
  private final OpenidLocks locks = new OpenidLocks(4096);

  public IssuanceActivitiesImpl(
      WechatMerchants merchants,
      AudienceStore audiences,
      IssuanceLedger ledger,
      SendSlots slots,
      IssuanceSettings settings,
      MeterRegistry meters) {
    this.merchants = merchants;
    this.audiences = audiences;
    this.ledger = ledger;
    this.slots = slots;
    this.settings = settings;
    this.metrics = new IssuanceMetrics(meters);
    AtomicInteger n = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            settings.senderThreads(),
            r -> {
              Thread t = new Thread(r, "coupon-sender-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public AudienceInfo describeAudience(String audienceId) {
    return audiences
        .count(audienceId)
        .map(count -> new AudienceInfo(audienceId, count))
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "no stored audience " + audienceId, FailureTypes.AUDIENCE_NOT_FOUND));
  }

  @Override
  public WaveSummary summarizeWave(WaveSummaryRequest r) {
    return new WaveSummary(
        ledger.waveTotals(r.campaignId(), r.waveIndex(), r.recipients(), r.segmentSize()));
  }

  @Override
  public IssueResult issueCoupons(IssueRequest r) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    MerchantClient client =
        merchants
            .find(r.mchid())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        merchants.whyUnavailable(r.mchid()), FailureTypes.MERCHANT_UNKNOWN));
    if (audiences.count(r.audienceId()).isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no stored audience " + r.audienceId(), FailureTypes.AUDIENCE_NOT_FOUND);
    }
    SegmentStop stop = new SegmentStop();
    ProgressReporter progress = new ProgressReporter(context::heartbeat, stop);
    AnswerRecorder answers =
        new AnswerRecorder(
            ledger::record, settings.flushInterval(), stop, r.campaignId() + "/" + r.waveIndex());
    SlotPacer pacer = pacerFor(r, client);
    CouponSender sender =
        new CouponSender(
            r,
            merchants,
            locks,
            pacer,
            settings,
            metrics,
            progress,
            answers,
            stop,
            stockFacts(r, answers));
    SegmentDispatcher run =
        new SegmentDispatcher(
            r,
            settings.concurrencyPerSegment(),
            senders,
            pacer,
            progress,
            answers,
            stop,
            sender::send);
    List<String> openids = audiences.read(r.audienceId(), r.fromSeq(), r.toSeq());
    Map<Long, String> finals =
        ledger.finalOutcomes(r.campaignId(), r.waveIndex(), r.fromSeq(), r.toSeq());
    try {
      run.dispatch(openids, finals, context.getInfo().getAttempt() == 1);
    } catch (ActivityCompletionException | IllegalStateException stopped) {
      // Cancelled, timed out or shutting down: record every answer already received, then stop.
      run.finish();
      log.info(
          "segment {}/{} [{}, {}) stopped: {}",
          r.campaignId(),
          r.waveIndex(),
          r.fromSeq(),
          r.toSeq(),
          stopped.getClass().getSimpleName());
      throw stopped;
    } catch (RuntimeException e) {
      // The send slots failed on this thread: finish the sends in flight, then fail the attempt.
      stop.sendFailure(e);
    }
    run.finish();
    return result(r, stop, progress, openids.size());
  }

  /**
   * The stock's facts for answers whose code does not say what they mean: QueryStock through the
   * merchant's current client, and the ledger's amount issued from the stock since 00:00
   * Asia/Shanghai, after this segment's answers are written.
   */
  private StockFactsReader stockFacts(IssueRequest r, AnswerRecorder answers) {
    return new StockFactsReader(
        () -> {
          QueryStockRequest query = new QueryStockRequest();
          query.setStockId(r.stockId());
          query.setStockCreatorMchid(r.mchid());
          return merchants
              .find(r.mchid())
              .orElseThrow(() -> new IllegalStateException(merchants.whyUnavailable(r.mchid())))
              .coupons()
              .queryStock(query);
        },
        answers::flush,
        () ->
            ledger.issuedAmountSince(
                r.campaignId(),
                r.stockId(),
                ShanghaiTime.day(Instant.now()).atStartOfDay(ShanghaiTime.ZONE).toInstant()),
        r.couponAmount(),
        settings.unexplainedRetryDelay());
  }

  /** Paces the segment at the wave's rate, capped by the merchant's ceiling. */
  private SlotPacer pacerFor(IssueRequest r, MerchantClient client) {
    int merchantRate = client.rateLimitPerSecond();
    int waveRate = r.ratePerSecond() > 0 ? Math.min(r.ratePerSecond(), merchantRate) : merchantRate;
    return new SlotPacer(
        slots,
        "wave:" + r.campaignId() + ":" + r.waveIndex(),
        waveRate,
        "mch:" + r.mchid(),
        merchantRate,
        settings.rateHeadroom());
  }

  /**
   * The activity's answer once every answer is recorded: a failure to throw, or the segment's
   * totals.
   */
  private IssueResult result(
      IssueRequest r, SegmentStop stop, ProgressReporter progress, int recipients) {
    if (stop.ledgerFailure() != null) {
      // Every answer is recorded now, but dispatching stopped early: the next attempt sends the
      // rest.
      throw ApplicationFailure.newFailureWithCause(
          "ledger write failed mid-segment: " + stop.ledgerFailure().getMessage(),
          "LedgerUnavailable",
          stop.ledgerFailure());
    }
    if (stop.sendFailure() != null) {
      // Recipients dispatched but unanswered have no outcome: the next attempt sends them.
      throw ApplicationFailure.newFailureWithCause(
          "segment stopped with recipients unanswered: " + stop.sendFailure().getMessage(),
          "SendUnanswered",
          stop.sendFailure());
    }
    if (stop.merchantIsGone()) {
      // Answers received are recorded; the recipients not sent to keep no outcome and are sent on
      // resume.
      log.warn(
          "segment {}/{} [{}, {}) stopped: merchant {} is no longer registered",
          r.campaignId(),
          r.waveIndex(),
          r.fromSeq(),
          r.toSeq(),
          r.mchid());
      throw ApplicationFailure.newNonRetryableFailure(
          merchants.whyUnavailable(r.mchid())
              + " (segment stopped after "
              + progress.issuedCount()
              + " issued)",
          FailureTypes.MERCHANT_UNKNOWN);
    }
    if (stop.transientFailure() != null) {
      throw WechatFailures.toFailure(
          "issue coupons to recipients " + r.fromSeq() + "-" + (r.toSeq() - 1),
          stop.transientFailure());
    }
    SegmentStop.Reason reason = stop.reason();
    SegmentTotals totals = ledger.totals(r.campaignId(), r.waveIndex(), r.fromSeq(), r.toSeq());
    long answered = totals.issued() + totals.rejected() + totals.failed();
    if (reason == null && answered < recipients) {
      // Never report a segment done while a recipient has no outcome: the next attempt sends it.
      throw ApplicationFailure.newFailure(
          "segment ended with "
              + (recipients - answered)
              + " of "
              + recipients
              + " recipients without an outcome",
          "SendUnanswered");
    }
    return new IssueResult(
        totals,
        reason == null ? IssueStop.COMPLETED : reason.stop(),
        reason == null ? null : reason.code(),
        reason == null ? null : reason.message());
  }
}
