package com.campaigns.activities.issuance;

import com.campaigns.activities.audience.AudienceStore;
import com.campaigns.activities.ledger.IssuanceLedger;
import com.campaigns.activities.ledger.IssuanceLedger.Outcome;
import com.campaigns.activities.wechat.MerchantClient;
import com.campaigns.activities.wechat.WechatError;
import com.campaigns.activities.wechat.WechatErrorClassifier;
import com.campaigns.activities.wechat.WechatFailures;
import com.campaigns.activities.wechat.WechatMerchants;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.activity.IssuanceActivities;
import com.campaigns.workflows.model.AudienceInfo;
import com.campaigns.workflows.model.FailureTypes;
import com.campaigns.workflows.model.IssueRequest;
import com.campaigns.workflows.model.IssueResult;
import com.campaigns.workflows.model.IssueStop;
import com.campaigns.workflows.model.OutRequestNo;
import com.campaigns.workflows.model.WaveSummary;
import com.campaigns.workflows.model.WaveSummaryRequest;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues a segment of a wave. The ledger is the checkpoint: a run skips every recipient that
 * already has a final outcome, so a retried, resumed or re-assigned segment continues at the exact
 * recipient, and a send repeated after a lost answer reuses its out_request_no, which WeChat Pay
 * answers with the coupon it already issued. Per-recipient refusals are recorded, not thrown.
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
    Run run = new Run(r, client, context);
    try {
      run.issue();
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
    }
    run.finish();
    if (run.ledgerFailure.get() != null) {
      // Every answer is recorded now, but dispatching stopped early: the next attempt sends the
      // rest.
      throw ApplicationFailure.newFailureWithCause(
          "ledger write failed mid-segment: " + run.ledgerFailure.get().getMessage(),
          "LedgerUnavailable",
          run.ledgerFailure.get());
    }
    if (run.merchantGone.get()) {
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
              + run.issued.get()
              + " issued)",
          FailureTypes.MERCHANT_UNKNOWN);
    }
    if (run.transientFailure.get() != null) {
      WechatError e = run.transientFailure.get();
      throw WechatFailures.toFailure(
          "issue coupons to recipients " + r.fromSeq() + "-" + (r.toSeq() - 1), e);
    }
    Stop stop = run.stop.get();
    return new IssueResult(
        ledger.totals(r.campaignId(), r.waveIndex(), r.fromSeq(), r.toSeq()),
        stop == null ? IssueStop.COMPLETED : stop.reason(),
        stop == null ? null : stop.code(),
        stop == null ? null : stop.message());
  }

  private record Stop(IssueStop reason, String code, String message) {}

  /**
   * One run of one segment: dispatches sends in audience order and collects their answers. Each
   * send takes the merchant's current client from the registry, so a key rotated while the segment
   * runs is used from the next send on; a merchant removed meanwhile stops the run.
   */
  private final class Run {
    private final IssueRequest r;
    private final ActivityExecutionContext context;
    private final Semaphore inFlight;
    private final SlotPacer pacer;
    private final ConcurrentLinkedQueue<Outcome> answers = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private final AtomicReference<WechatError> transientFailure = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean merchantGone =
        new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger unknownInARow = new AtomicInteger();
    private volatile long lastFlush = System.nanoTime();
    private final ReentrantLock flushing = new ReentrantLock();
    private final AtomicReference<RuntimeException> ledgerFailure = new AtomicReference<>();
    private long lastBeat;

    Run(IssueRequest r, MerchantClient client, ActivityExecutionContext context) {
      this.r = r;
      this.context = context;
      this.inFlight = new Semaphore(settings.concurrencyPerSegment());
      int merchantRate = client.rateLimitPerSecond();
      int waveRate =
          r.ratePerSecond() > 0 ? Math.min(r.ratePerSecond(), merchantRate) : merchantRate;
      this.pacer =
          new SlotPacer(
              slots,
              "wave:" + r.campaignId() + ":" + r.waveIndex(),
              waveRate,
              "mch:" + r.mchid(),
              merchantRate,
              settings.rateHeadroom());
    }

    void issue() {
      List<String> openids = audiences.read(r.audienceId(), r.fromSeq(), r.toSeq());
      Map<Long, String> finals =
          ledger.finalOutcomes(r.campaignId(), r.waveIndex(), r.fromSeq(), r.toSeq());
      long issuedBefore = finals.values().stream().filter(IssuanceLedger.ISSUED::equals).count();
      if (r.startStagger() > 0
          && context.getInfo().getAttempt() == 1
          && finals.size() < openids.size()) {
        // Let the segments launched before this one get ahead (see IssueRequest#startStagger).
        long micros =
            (long) (r.startStagger() * (openids.size() - finals.size()) * 1_000_000 / pacer.rate());
        awaitMicros(System.currentTimeMillis() * 1000 + micros);
      }
      for (int i = 0; i < openids.size(); i++) {
        long seq = r.fromSeq() + i;
        if (finals.containsKey(seq)) {
          continue;
        }
        checkpoint();
        if (stopped()) {
          return;
        }
        if (r.issueCap() >= 0 && !awaitRoomUnderCap(issuedBefore)) {
          stop.compareAndSet(
              null,
              new Stop(IssueStop.CAP_REACHED, null, "issue cap " + r.issueCap() + " reached"));
          return;
        }
        // The permit first: a slot taken only once a send can go is a slot used on time.
        acquireSendPermit();
        try {
          waitForSlot();
        } catch (RuntimeException e) {
          inFlight.release();
          throw e;
        }
        if (stopped()) {
          inFlight.release();
          return;
        }
        String openid = openids.get(i);
        pending.incrementAndGet();
        senders.execute(
            () -> {
              try {
                send(seq, openid);
              } finally {
                inFlight.release();
                try {
                  flushIfDue();
                } finally {
                  // Last: once nothing is pending, every answer is in the ledger or in the queue.
                  pending.decrementAndGet();
                }
              }
            });
      }
    }

    private boolean stopped() {
      return stop.get() != null
          || transientFailure.get() != null
          || merchantGone.get()
          || ledgerFailure.get() != null;
    }

    /**
     * Waits until a send may start without the segment exceeding its cap; false when the cap is
     * reached.
     */
    private boolean awaitRoomUnderCap(long issuedBefore) {
      while (issuedBefore + issued.get() + pending.get() >= r.issueCap()) {
        if (issuedBefore + issued.get() >= r.issueCap()) {
          return false;
        }
        sleepMillis(5);
        checkpoint();
      }
      return true;
    }

    private void waitForSlot() {
      awaitMicros(pacer.next());
    }

    /**
     * Sleeps until an epoch-microsecond instant, heartbeating (and noticing a cancel) meanwhile.
     */
    private void awaitMicros(long until) {
      while (true) {
        long waitMicros = until - System.currentTimeMillis() * 1000;
        if (waitMicros <= 0) {
          return;
        }
        sleepMicros(Math.min(waitMicros, 200_000));
        checkpoint();
      }
    }

    private void acquireSendPermit() {
      try {
        while (!inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
          checkpoint();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    /** Flushes answers to the ledger and heartbeats; heartbeat throws when the run is cancelled. */
    private void checkpoint() {
      if (Thread.currentThread().isInterrupted()) {
        // The worker is shutting down: stop dispatching; Temporal re-runs the segment elsewhere.
        stop.compareAndSet(
            null, new Stop(IssueStop.STOCK_LEVEL, "WORKER_SHUTDOWN", "worker shutting down"));
        throw new IllegalStateException("worker shutting down");
      }
      long now = System.nanoTime();
      if (now - lastBeat >= 500_000_000L) {
        lastBeat = now;
        context.heartbeat(issued.get() + " issued, " + rejected.get() + " rejected");
      }
    }

    private void send(long seq, String openid) {
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
        int transientTries = 0;
        int rotations = 0;
        boolean suspectRetried = false;
        while (!stopped()) {
          MerchantClient client = merchants.find(r.mchid()).orElse(null);
          if (client == null) {
            merchantGone.set(true);
            return;
          }
          try {
            String couponId = client.coupons().sendCoupon(request).getCouponId();
            unknownInARow.set(0);
            issued.incrementAndGet();
            metrics.issued(r.mchid());
            answers.add(
                outcome(seq, openid, outRequestNo, IssuanceLedger.ISSUED, couponId, null, null));
            return;
          } catch (RuntimeException e) {
            WechatError error = WechatErrorClassifier.classify(e);
            if ("SIGN_ERROR".equals(error.code())
                && rotations < 3
                && merchants.find(r.mchid()).filter(now -> now != client).isPresent()) {
              // The key was rotated while this send was signed with the old one: send again with
              // the new one.
              rotations++;
              continue;
            }
            switch (error.kind()) {
              case RECIPIENT_SUSPECT -> {
                if (!suspectRetried) {
                  suspectRetried = true;
                  sleepMillis(settings.suspectRetryDelay().toMillis());
                  continue;
                }
                reject(seq, openid, outRequestNo, error);
                return;
              }
              case RECIPIENT -> {
                reject(seq, openid, outRequestNo, error);
                return;
              }
              case TRANSIENT, THROTTLED, UNVERIFIED -> {
                metrics.retried(r.mchid(), error.code());
                if (++transientTries >= settings.transientAttempts()) {
                  transientFailure.compareAndSet(null, error);
                  return;
                }
                long backoff =
                    error.kind() == WechatError.Kind.THROTTLED
                        ? 1000
                        : 100L << Math.min(transientTries, 5);
                sleepMillis(backoff);
                // A retry is a send like any other: it waits for its own slot, so retries never
                // push the merchant above its rate.
                sleepUntilMicros(pacer.next());
              }
              case DAILY_LIMIT -> {
                stop.compareAndSet(
                    null, new Stop(IssueStop.DAILY_LIMIT, error.code(), error.message()));
                return;
              }
              case STOCK_NOT_RUNNING -> {
                stop.compareAndSet(
                    null, new Stop(IssueStop.STOCK_NOT_RUNNING, error.code(), error.message()));
                return;
              }
              case UNKNOWN -> {
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
                  stop.compareAndSet(
                      null,
                      new Stop(
                          IssueStop.STOCK_LEVEL,
                          error.code(),
                          settings.unknownCodesBeforeStop()
                              + " unknown answers in a row: "
                              + error.describe()));
                }
                return;
              }
              default -> {
                stop.compareAndSet(
                    null, new Stop(IssueStop.STOCK_LEVEL, error.code(), error.message()));
                return;
              }
            }
          }
        }
      } finally {
        lock.unlock();
      }
    }

    private void reject(long seq, String openid, String outRequestNo, WechatError error) {
      unknownInARow.set(0);
      rejected.incrementAndGet();
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

    /** Records every answer once the sends in flight are back, and gives unused send slots back. */
    void finish() {
      drain();
      try {
        pacer.close();
      } catch (RuntimeException e) {
        // Only costs the wave a few milliseconds of its rate.
        log.debug("could not give send slots back: {}", e.toString());
      }
    }

    /** Waits for every send in flight, then records every answer. Keeps heartbeating meanwhile. */
    private void drain() {
      while (pending.get() > 0) {
        sleepMillis(5);
        if (System.nanoTime() - lastBeat >= 500_000_000L) {
          lastBeat = System.nanoTime();
          try {
            context.heartbeat(
                issued.get() + " issued, " + rejected.get() + " rejected (finishing)");
          } catch (ActivityCompletionException ignored) {
            // Already stopping: the answers in flight are recorded before the activity ends.
          }
        }
      }
      flush();
    }

    /**
     * Writes the answers to the ledger when the flush interval has passed. Called by the sender
     * threads, so the dispatching thread never waits on the database and keeps to its slots; one
     * sender flushes at a time, the others go on sending.
     */
    private void flushIfDue() {
      if (System.nanoTime() - lastFlush < settings.flushInterval().toNanos()
          || !flushing.tryLock()) {
        return;
      }
      try {
        if (System.nanoTime() - lastFlush >= settings.flushInterval().toNanos()) {
          writeAnswers();
          lastFlush = System.nanoTime();
        }
      } catch (RuntimeException e) {
        // The answers stay queued (see writeAnswers); dispatching stops, and the final flush writes
        // them
        // or fails the attempt, which Temporal retries.
        log.warn(
            "ledger flush of segment {}/{} failed: {}",
            r.campaignId(),
            r.waveIndex(),
            e.toString());
        ledgerFailure.compareAndSet(null, e);
        lastFlush = System.nanoTime();
      } finally {
        flushing.unlock();
      }
    }

    private void flush() {
      flushing.lock();
      try {
        writeAnswers();
      } finally {
        flushing.unlock();
      }
    }

    /** Writes the queued answers in one batch; on failure they go back to the queue. */
    private void writeAnswers() {
      List<Outcome> batch = new ArrayList<>();
      Outcome o;
      while ((o = answers.poll()) != null) {
        batch.add(o);
      }
      try {
        ledger.record(batch);
      } catch (RuntimeException e) {
        answers.addAll(batch);
        throw e;
      }
    }
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepUntilMicros(long epochMicros) {
    long wait = epochMicros - System.currentTimeMillis() * 1000;
    if (wait > 0) {
      sleepMicros(wait);
    }
  }

  private static void sleepMicros(long micros) {
    try {
      TimeUnit.MICROSECONDS.sleep(micros);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
