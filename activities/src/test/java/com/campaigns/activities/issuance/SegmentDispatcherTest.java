package com.campaigns.activities.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.ledger.IssuanceLedger.Outcome;
import com.campaigns.ledger.LedgerConfiguration.Ledger;
import com.campaigns.ledger.SendSlots;
import com.campaigns.ledger.TestDatabases;
import com.campaigns.workflows.model.IssueRequest;
import com.campaigns.workflows.model.IssueStop;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatching of one segment in the activity test environment, with send slots in an H2 ledger
 * and a stand-in for the sends: order, skipped finals, the issue cap, stops, and every answer
 * recorded by {@link SegmentDispatcher#finish()}.
 */
class SegmentDispatcherTest {

  /**
   * Runs a dispatcher over an audience of {@code size} recipients as the issuance activity does.
   */
  @ActivityInterface
  public interface Dispatching {
    String dispatch(int size);
  }

  private static final SendSlots SLOTS = Ledger.over(TestDatabases.h2()).slots();

  private TestActivityEnvironment env;
  private final ExecutorService senders = Executors.newSingleThreadExecutor();
  private final List<Long> sent = new CopyOnWriteArrayList<>();
  private final List<Outcome> recorded = new CopyOnWriteArrayList<>();
  private final List<String> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    env = TestActivityEnvironment.newInstance();
    env.setActivityHeartbeatListener(String.class, heartbeats::add);
  }

  @AfterEach
  void stop() {
    env.close();
    senders.shutdownNow();
  }

  private static IssueRequest request(long issueCap) {
    return new IssueRequest(
        "c-" + UUID.randomUUID(),
        "1900000001",
        "wx1",
        "S1",
        0,
        "a1",
        100,
        100 + 1000,
        500,
        2000,
        issueCap,
        "p",
        0);
  }

  private static List<String> audience(int size) {
    return IntStream.range(0, size).mapToObj(i -> "openid-" + i).toList();
  }

  /**
   * Registers the activity: {@code finals} already recorded, {@code send} standing in for WeChat
   * Pay.
   */
  private Dispatching activity(IssueRequest r, Map<Long, String> finals, SendBehaviour send) {
    env.registerActivitiesImplementations(
        (Dispatching)
            size -> {
              SegmentStop stop = new SegmentStop();
              ProgressReporter progress =
                  new ProgressReporter(Activity.getExecutionContext()::heartbeat, stop);
              AnswerRecorder answers =
                  new AnswerRecorder(recorded::addAll, Duration.ofMillis(20), stop, "test");
              SlotPacer pacer =
                  new SlotPacer(
                      SLOTS, "wave:" + r.campaignId(), 2000, "mch:" + r.campaignId(), 2000, 0.02);
              SegmentDispatcher dispatcher =
                  new SegmentDispatcher(
                      r,
                      4,
                      senders,
                      pacer,
                      progress,
                      answers,
                      stop,
                      (seq, openid) -> send.send(seq, openid, r, progress, answers, stop));
              dispatcher.dispatch(audience(size), finals, true);
              dispatcher.finish();
              if (stop.sendFailure() != null) {
                return "FAILED " + stop.sendFailure().getMessage();
              }
              return stop.reason() == null
                  ? "COMPLETED"
                  : stop.reason().stop() + " " + stop.reason().message();
            });
    return env.newActivityStub(
        Dispatching.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
  }

  interface SendBehaviour {
    void send(
        long seq,
        String openid,
        IssueRequest r,
        ProgressReporter progress,
        AnswerRecorder answers,
        SegmentStop stop);
  }

  private SendBehaviour issuing() {
    return (seq, openid, r, progress, answers, stop) -> {
      sent.add(seq);
      progress.issued();
      answers.add(
          new Outcome(
              r.campaignId(),
              0,
              seq,
              openid,
              "n" + seq,
              "S1",
              IssuanceLedger.ISSUED,
              "C" + seq,
              null,
              null,
              500));
    };
  }

  @Test
  void sendsInAudienceOrderSkippingFinalOutcomesAndRecordsEveryAnswer() {
    IssueRequest r = request(-1);
    Map<Long, String> finals = Map.of(101L, IssuanceLedger.ISSUED, 103L, IssuanceLedger.REJECTED);
    assertThat(activity(r, finals, issuing()).dispatch(6)).isEqualTo("COMPLETED");
    assertThat(sent).containsExactly(100L, 102L, 104L, 105L);
    assertThat(recorded).extracting(Outcome::seq).containsExactlyInAnyOrder(100L, 102L, 104L, 105L);
    assertThat(heartbeats).first().isEqualTo("0 issued, 0 rejected");
  }

  @Test
  void theIssueCapCountsCouponsIssuedBeforeAndStopsTheSegment() {
    IssueRequest r = request(5);
    Map<Long, String> finals = Map.of(100L, IssuanceLedger.ISSUED, 101L, IssuanceLedger.ISSUED);
    assertThat(activity(r, finals, issuing()).dispatch(20))
        .isEqualTo("CAP_REACHED issue cap 5 reached");
    assertThat(sent).containsExactly(102L, 103L, 104L);
  }

  @Test
  void aStopDuringASendEndsDispatchingAndKeepsTheAnswersAlreadyReceived() {
    IssueRequest r = request(-1);
    SendBehaviour stoppingAtTheFourth =
        (seq, openid, req, progress, answers, stop) -> {
          if (seq == 103) {
            stop.stop(IssueStop.DAILY_LIMIT, "NOT_ENOUGH", "发券超过单天限额");
            return;
          }
          issuing().send(seq, openid, req, progress, answers, stop);
        };
    assertThat(activity(r, Map.of(), stoppingAtTheFourth).dispatch(1000))
        .isEqualTo("DAILY_LIMIT 发券超过单天限额");
    // Sends already dispatched (at most the in-flight limit) may still go; nothing is dispatched
    // later.
    assertThat(sent).startsWith(100L, 101L, 102L).hasSizeLessThanOrEqualTo(3 + 4);
    assertThat(new ArrayList<>(recorded))
        .extracting(Outcome::seq)
        .containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void aSendThatThrowsFailsTheSegmentInsteadOfSkippingItsRecipient() {
    IssueRequest r = request(-1);
    // As CouponSender does when its retry cannot get a send slot (the ledger restarting).
    SendBehaviour slotsDownAtTheThird =
        (seq, openid, req, progress, answers, stop) -> {
          if (seq == 102) {
            sent.add(seq);
            throw new IllegalStateException("JDBC rollback failed");
          }
          issuing().send(seq, openid, req, progress, answers, stop);
        };
    assertThat(activity(r, Map.of(), slotsDownAtTheThird).dispatch(1000))
        .isEqualTo("FAILED JDBC rollback failed");
    // Dispatching stopped soon after; every answer received is recorded, and 102 has none, so
    // the next attempt (which skips only recipients with a final outcome) sends it again.
    assertThat(sent).startsWith(100L, 101L, 102L).hasSizeLessThanOrEqualTo(3 + 4);
    assertThat(new ArrayList<>(recorded))
        .extracting(Outcome::seq)
        .containsExactlyInAnyOrderElementsOf(sent.stream().filter(s -> s != 102L).toList());
  }
}
