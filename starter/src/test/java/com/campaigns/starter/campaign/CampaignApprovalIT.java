package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.ConsoleSession;
import com.campaigns.starter.SandboxCalls;
import com.campaigns.starter.Specs;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Four eyes through the API and the console. The test stack's merchants need approval above ¥100
 * 000 ({@link StackTest}); these campaigns have a budget of ¥500 000 (100 000 coupons of ¥5), the
 * other tests' at most ¥60 000.
 */
@StackTest
class CampaignApprovalIT {

  static final long THRESHOLD = 10_000_000;

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  @Autowired CampaignIndex index;
  ApiClient marketer;
  ApiClient approver;
  Instant now;

  @BeforeEach
  void setUp() {
    marketer = ApiClient.on(port);
    approver = marketer.as(TestTokens.APPROVER);
    now = Instant.ofEpochMilli(env.currentTimeMillis());
  }

  /** A campaign 60 days ahead (no other test's time skipping reaches it) with a large budget. */
  private ObjectNode large(String id) {
    ObjectNode spec = Specs.farAhead(id, now);
    ((ObjectNode) spec.path("stock")).put("max_coupons", 100_000);
    return spec;
  }

  private Answer start(ApiClient as, ObjectNode spec) {
    Answer a = as.postJson("/api/v1/campaigns", spec);
    assertThat(a.status()).as(a.text()).isEqualTo(201);
    return a;
  }

  @Test
  void aBudgetAboveTheThresholdAwaitsApprovalWithoutCallingWechatPay() {
    long stocksBefore = SandboxCalls.of("create_stock");

    Answer started = start(marketer, large("apr-wait"));
    env.sleep(Duration.ofMinutes(10));

    assertThat(started.json().path("status").asText()).isEqualTo("AWAITING_APPROVAL");
    JsonNode doc = marketer.get("/api/v1/campaigns/apr-wait").json();
    assertThat(doc.path("status").asText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(doc.path("stock_id").isMissingNode() || doc.path("stock_id").isNull()).isTrue();
    JsonNode approval = doc.path("approval");
    assertThat(approval.path("required").asBoolean()).isTrue();
    assertThat(approval.path("threshold").asLong()).isEqualTo(THRESHOLD);
    assertThat(approval.path("decision").asText()).isEqualTo("PENDING");
    assertThat(approval.path("requested_by").asText()).isEqualTo(TestTokens.MARKETER_NAME);
    assertThat(approval.path("expires_at").asText()).isNotBlank();
    assertThat(events(doc)).contains("APPROVAL_REQUESTED");
    assertThat(SandboxCalls.of("create_stock")).isEqualTo(stocksBefore);
    assertThat(listed("apr-wait").path("status").asText()).isEqualTo("AWAITING_APPROVAL");
  }

  @Test
  void anApproverApprovesAndTheCampaignCreatesItsStock() {
    start(marketer, large("apr-yes"));
    // An approver limited to another merchant does not see the campaign at all.
    assertThat(
            marketer
                .as(TestTokens.SCOPED)
                .postJson("/api/v1/campaigns/apr-yes/approve", "")
                .status())
        .isEqualTo(404);

    Answer approved =
        approver.postJson(
            "/api/v1/campaigns/apr-yes/approve", Map.of("note", "budget signed off by finance"));

    assertThat(approved.status()).as(approved.text()).isEqualTo(200);
    assertThat(approved.json().path("status").asText()).isNotEqualTo("AWAITING_APPROVAL");
    JsonNode approval = approved.json().path("approval");
    assertThat(approval.path("decision").asText()).isEqualTo("APPROVED");
    assertThat(approval.path("approved_by").asText()).isEqualTo(TestTokens.APPROVER_NAME);
    assertThat(approval.path("approved_at").asText()).isNotBlank();
    assertThat(approval.path("note").asText()).isEqualTo("budget signed off by finance");
    JsonNode created = untilStockCreated("apr-yes");
    assertThat(created.path("status").asText()).isEqualTo("SCHEDULED");
    assertThat(events(created))
        .containsSubsequence("APPROVAL_REQUESTED", "APPROVED", "STOCK_CREATED");
    assertThat(history(created, "APPROVED")).contains(TestTokens.APPROVER_NAME);

    Answer again = approver.postJson("/api/v1/campaigns/apr-yes/approve", "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo("not_awaiting_approval");
    assertThat(again.json().path("message").asText()).contains("not AWAITING_APPROVAL");
  }

  @Test
  void theStarterMayNotApproveTheirOwnCampaignEvenWithTheApproverRole() {
    // The scoped token is marketer and approver for merchant 1900000002.
    ObjectNode spec = large("apr-self");
    spec.put("mchid", TestTokens.SCOPED_MCHID);
    spec.put("appid", "wx0000000000000002");
    ((ObjectNode) spec.path("stock")).putArray("available_merchants").add(TestTokens.SCOPED_MCHID);
    ApiClient agency = marketer.as(TestTokens.SCOPED);
    start(agency, spec);

    Answer self = agency.postJson("/api/v1/campaigns/apr-self/approve", Map.of("note", "mine"));
    assertThat(self.status()).isEqualTo(403);
    assertThat(self.error()).isEqualTo("self_approval");
    assertThat(self.json().path("message").asText()).contains(TestTokens.SCOPED_NAME);
    assertThat(agency.postJson("/api/v1/campaigns/apr-self/reject", "").status()).isEqualTo(403);
    // A marketer has no approver role at all.
    assertThat(marketer.postJson("/api/v1/campaigns/apr-self/approve", "").status()).isEqualTo(403);
    assertThat(approver.get("/api/v1/campaigns/apr-self").json().path("status").asText())
        .isEqualTo("AWAITING_APPROVAL");

    assertThat(agency.postJson("/api/v1/campaigns/apr-self/cancel", "").status()).isEqualTo(200);
  }

  @Test
  void aRejectedCampaignEndsRejectedWithTheApproverInItsHistory() {
    start(marketer, large("apr-no"));

    Answer rejected =
        approver.postJson("/api/v1/campaigns/apr-no/reject", Map.of("note", "over the quarter"));

    assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
    assertThat(rejected.json().path("status").asText()).isEqualTo("REJECTED");
    JsonNode doc = untilStatus("apr-no", "REJECTED");
    assertThat(doc.path("approval").path("rejected_by").asText())
        .isEqualTo(TestTokens.APPROVER_NAME);
    assertThat(history(doc, "REJECTED")).contains(TestTokens.APPROVER_NAME, "over the quarter");
    assertThat(doc.path("stock_id").isMissingNode() || doc.path("stock_id").isNull()).isTrue();
    assertThat(approver.postJson("/api/v1/campaigns/apr-no/approve", "").status()).isEqualTo(409);
  }

  @Test
  void anUnapprovedCampaignExpiresAtItsActivationTime() {
    ObjectNode spec =
        Specs.sample(
            "apr-late",
            now,
            Duration.ofHours(2),
            Duration.ofDays(1),
            Specs.openids("o-apr-late-", 3));
    ((ObjectNode) spec.path("stock")).put("max_coupons", 100_000);
    start(marketer, spec);
    assertThat(marketer.get("/api/v1/campaigns/apr-late").json().path("status").asText())
        .isEqualTo("AWAITING_APPROVAL");

    env.sleep(Duration.ofHours(2));

    JsonNode doc = untilStatus("apr-late", "EXPIRED");
    assertThat(doc.path("approval").path("decision").asText()).isEqualTo("EXPIRED");
    assertThat(history(doc, "EXPIRED"))
        .contains("not approved by its activation time", "no stock created");
    assertThat(approver.postJson("/api/v1/campaigns/apr-late/approve", "").status()).isEqualTo(409);
  }

  @Test
  void aBudgetAtOrBelowTheThresholdStartsAsBefore() {
    Answer started = start(marketer, Specs.farAhead("apr-small", now));

    assertThat(started.json().path("status").asText()).isIn("SCHEDULED", "CREATING_STOCK");
    JsonNode created = untilStockCreated("apr-small");
    assertThat(created.path("approval").path("required").asBoolean()).isFalse();
    assertThat(created.path("approval").path("decision").asText()).isEqualTo("NOT_REQUIRED");
    assertThat(events(created)).doesNotContain("APPROVAL_REQUESTED");
    Answer refused = approver.postJson("/api/v1/campaigns/apr-small/approve", "");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.error()).isEqualTo("not_awaiting_approval");
  }

  @Test
  void anOverlongNoteOrAnUnknownCampaignIsRefused() {
    start(marketer, large("apr-note"));

    Answer overlong =
        approver.postJson("/api/v1/campaigns/apr-note/approve", Map.of("note", "n".repeat(201)));
    assertThat(overlong.status()).isEqualTo(400);
    assertThat(overlong.error()).isEqualTo("invalid_request");
    assertThat(approver.postJson("/api/v1/campaigns/nobody/approve", "").status()).isEqualTo(404);
    assertThat(marketer.get("/api/v1/campaigns/apr-note").json().path("status").asText())
        .isEqualTo("AWAITING_APPROVAL");
  }

  @Test
  void theConsoleShowsApproveAndRejectToApproversOnlyAndApproves() {
    start(marketer, large("apr-console"));

    ConsoleSession asMarketer = ConsoleSession.signIn(port, TestTokens.MARKETER);
    String marketerPage = asMarketer.send("GET", "/console/campaigns/apr-console").text();
    assertThat(marketerPage).contains("Awaiting approval").doesNotContain("id=\"approve\"");

    ConsoleSession asApprover = ConsoleSession.signIn(port, TestTokens.APPROVER);
    String page = asApprover.send("GET", "/console/campaigns/apr-console").text();
    assertThat(page).contains("id=\"approve\"", "id=\"reject\"", "id=\"note\"");
    assertThat(
            asApprover
                .postWithoutCsrf("/console/campaigns/apr-console/approve", "note=ok")
                .status())
        .as("CSRF token required")
        .isEqualTo(403);

    Answer acted =
        asApprover.postForm("/console/campaigns/apr-console/approve", "note", "fine by me");

    assertThat(acted.status()).isEqualTo(200);
    assertThat(acted.text())
        .contains("Campaign apr-console approved.", "Approved by test-approver");
    assertThat(acted.text()).doesNotContain("id=\"approve\"");
    assertThat(untilStockCreated("apr-console").path("approval").path("note").asText())
        .isEqualTo("fine by me");
  }

  // ------------------------------------------------------------------ helpers

  private JsonNode untilStockCreated(String id) {
    return until(id, d -> d.hasNonNull("stock_id"), "a stock");
  }

  private JsonNode untilStatus(String id, String status) {
    return until(id, d -> d.path("status").asText().equals(status), status);
  }

  private JsonNode until(String id, java.util.function.Predicate<JsonNode> done, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode doc = marketer.get("/api/v1/campaigns/" + id).json();
    while (!done.test(doc) && System.nanoTime() < deadline) {
      env.sleep(Duration.ofSeconds(1));
      doc = marketer.get("/api/v1/campaigns/" + id).json();
    }
    assertThat(done.test(doc)).as("campaign %s reaches %s: %s", id, what, doc).isTrue();
    return doc;
  }

  private static java.util.List<String> events(JsonNode doc) {
    return StreamSupport.stream(doc.path("history").spliterator(), false)
        .map(h -> h.path("event").asText())
        .toList();
  }

  private static String history(JsonNode doc, String event) {
    return StreamSupport.stream(doc.path("history").spliterator(), false)
        .filter(h -> h.path("event").asText().equals(event))
        .map(h -> h.path("detail").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + event + " in " + doc.path("history")));
  }

  private JsonNode listed(String id) {
    return StreamSupport.stream(marketer.get("/api/v1/campaigns").json().spliterator(), false)
        .filter(c -> c.path("campaign_id").asText().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
