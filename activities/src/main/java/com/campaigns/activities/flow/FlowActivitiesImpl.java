package com.campaigns.activities.flow;

import com.campaigns.activities.wechat.WechatFailures;
import com.campaigns.ledger.CouponUses;
import com.campaigns.ledger.FlowRow;
import com.campaigns.ledger.FlowRows;
import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.ledger.Reconciliations;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatError;
import com.campaigns.wechatpay.WechatErrorClassifier;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.activity.FlowActivities;
import com.campaigns.workflows.model.FailureTypes;
import com.campaigns.workflows.model.FlowRequest;
import com.campaigns.workflows.model.FlowResult;
import com.campaigns.workflows.model.ReconcileRequest;
import com.campaigns.workflows.model.ReconcileSummary;
import com.campaigns.workflows.model.ReconciliationReport;
import com.campaigns.workflows.rules.Reconciler;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.cashcoupons.model.RefundFlowRequest;
import com.wechat.pay.java.service.cashcoupons.model.UseFlowRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Downloads a stock's flow files and reconciles them. The download URL lives 30 seconds, so an
 * expired one is simply asked for again; the file is hashed while it streams to disk (it can be
 * large) and parsed only once its SHA-1 matches.
 */
@Component
@ActivityImpl(taskQueues = TemporalNames.TASK_QUEUE)
public class FlowActivitiesImpl implements FlowActivities {

  private static final Logger log = LoggerFactory.getLogger(FlowActivitiesImpl.class);
  private static final int URL_ATTEMPTS = 3;

  private final WechatMerchants merchants;
  private final FlowRows flows;
  private final IssuanceLedger ledger;
  private final CouponUses uses;
  private final Reconciliations reconciliations;
  private final FlowMetrics metrics;

  public FlowActivitiesImpl(
      WechatMerchants merchants,
      FlowRows flows,
      IssuanceLedger ledger,
      CouponUses uses,
      Reconciliations reconciliations,
      MeterRegistry meters) {
    this.merchants = merchants;
    this.flows = flows;
    this.ledger = ledger;
    this.uses = uses;
    this.reconciliations = reconciliations;
    this.metrics = new FlowMetrics(meters);
  }

  @Override
  public FlowResult downloadUseFlow(FlowRequest request) {
    return download(request, FlowRows.USE);
  }

  @Override
  public FlowResult downloadRefundFlow(FlowRequest request) {
    return download(request, FlowRows.REFUND);
  }

  private FlowResult download(FlowRequest request, String kind) {
    MerchantClient client =
        merchants
            .find(request.mchid())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        merchants.whyUnavailable(request.mchid()), FailureTypes.MERCHANT_UNKNOWN));
    String what = kind.toLowerCase() + " flow of stock " + request.stockId();
    for (int attempt = 1; attempt <= URL_ATTEMPTS; attempt++) {
      FlowLink link;
      try {
        link = link(client, request.stockId(), kind);
      } catch (RuntimeException e) {
        WechatError error = WechatErrorClassifier.classify(e);
        if ("INVALID_REQUEST".equals(error.code())) {
          // WeChat Pay does not document its answer before the file is published; by the code
          // alone, whatever the wording (logged only), it means "try again later".
          throw notReady(
              request,
              kind,
              "INVALID_REQUEST",
              what + " is not published yet: " + error.describe());
        }
        if (error.kind() == WechatError.Kind.NOT_FOUND) {
          return notFound(request, kind, what, error);
        }
        throw WechatFailures.toFailure("get " + what, error);
      }
      Path file = null;
      try {
        file = Files.createTempFile("flow-", ".csv");
        String sha1;
        String url = FlowDownloadGuard.checkedUrl(link.url(), what);
        try (InputStream in = client.http().download(url);
            OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha1Digest())) {
          FlowDownloadGuard.copyCapped(in, out, FlowDownloadGuard.MAX_BYTES, what);
          sha1 = HexFormat.of().formatHex(((DigestOutputStream) out).getMessageDigest().digest());
        } catch (ServiceException expired) {
          continue;
        }
        if (!"SHA1".equalsIgnoreCase(link.hashType()) || !sha1.equalsIgnoreCase(link.hashValue())) {
          throw ApplicationFailure.newFailure(
              what
                  + ": downloaded SHA-1 "
                  + sha1
                  + " does not match "
                  + link.hashType()
                  + " "
                  + link.hashValue(),
              "FLOW_HASH_MISMATCH");
        }
        List<FlowRow> rows;
        try (InputStream in = Files.newInputStream(file)) {
          rows = FlowFileParser.parse(in);
        }
        flows.replace(request.campaignId(), kind, request.stockId(), sha1, rows);
        long amount =
            rows.stream().mapToLong(r -> r.couponAmount() == null ? 0 : r.couponAmount()).sum();
        return new FlowResult(kind, rows.size(), amount, sha1);
      } catch (IOException e) {
        throw new UncheckedIOException("downloading " + what + " failed", e);
      } catch (RuntimeException e) {
        if (e instanceof ApplicationFailure) {
          throw e;
        }
        throw WechatFailures.toFailure("download " + what, WechatErrorClassifier.classify(e));
      } finally {
        deleteQuietly(file);
      }
    }
    throw ApplicationFailure.newFailure(
        what + ": the download URL expired " + URL_ATTEMPTS + " times in a row",
        "FLOW_URL_EXPIRED");
  }

  private record FlowLink(String url, String hashValue, String hashType) {}

  /**
   * WeChat Pay's 404 (RESOURCE_NOT_EXISTS), said to mean "nothing was used or refunded". It is
   * trusted only when the facts agree: no redemption of the stock in the ledger nor known to the
   * workflow (its COUPON.USE count); for the refund flow also when the use flow of the stock was
   * served, so the files are out. Otherwise the file is not there yet: FLOW_NOT_READY. A request
   * from a workflow of before the visible wait (no known count) keeps the old reading.
   */
  private FlowResult notFound(FlowRequest request, String kind, String what, WechatError error) {
    if (request.knownUsedCount() != null) {
      long inLedger = uses.countOfStock(request.campaignId(), request.stockId());
      long known = Math.max(inLedger, request.knownUsedCount());
      boolean filesOut =
          FlowRows.REFUND.equals(kind)
              && flows.servedRows(request.campaignId(), FlowRows.USE).isPresent();
      if (known > 0 && !filesOut) {
        throw notReady(
            request,
            kind,
            "NOT_FOUND_WITH_USES",
            what
                + ": WeChat Pay answered "
                + error.describe()
                + " although "
                + known
                + " redemptions are known (ledger "
                + inLedger
                + ", workflow "
                + request.knownUsedCount()
                + "); waiting for the file");
      }
    }
    flows.replace(request.campaignId(), kind, request.stockId(), null, List.of());
    return new FlowResult(kind, 0, 0, null);
  }

  private ApplicationFailure notReady(
      FlowRequest request, String kind, String answer, String message) {
    metrics.notReady(request.mchid(), kind, answer);
    log.info(
        "flow_not_ready campaign {} stock {}: {}",
        request.campaignId(),
        request.stockId(),
        message);
    return ApplicationFailure.newBuilder()
        .setMessage(message)
        .setType(FailureTypes.FLOW_NOT_READY)
        .setCategory(io.temporal.failure.ApplicationErrorCategory.BENIGN)
        .build();
  }

  private static FlowLink link(MerchantClient client, String stockId, String kind) {
    if (FlowRows.USE.equals(kind)) {
      UseFlowRequest r = new UseFlowRequest();
      r.setStockId(stockId);
      var response = client.coupons().useFlow(r);
      return new FlowLink(response.getUrl(), response.getHashValue(), response.getHashType());
    }
    RefundFlowRequest r = new RefundFlowRequest();
    r.setStockId(stockId);
    var response = client.coupons().refundFlow(r);
    return new FlowLink(response.getUrl(), response.getHashValue(), response.getHashType());
  }

  @Override
  public ReconcileSummary reconcile(ReconcileRequest request) {
    String campaignId = request.campaignId();
    var issued =
        ledger.issued(campaignId).stream()
            .map(i -> new Reconciler.Issued(i.couponId(), i.waveIndex(), i.amount()))
            .toList();
    var notified =
        uses.forCampaign(campaignId).stream()
            .map(u -> new Reconciler.Notified(u.couponId(), u.amount()))
            .toList();
    String unavailable = request.flowsUnavailable();
    // Without a deadline passed, both files are there; after it, only those stored are compared.
    var used =
        unavailable == null || flows.downloaded(campaignId, FlowRows.USE)
            ? flowRows(campaignId, FlowRows.USE, request.couponAmount())
            : null;
    var refunded =
        unavailable == null || flows.downloaded(campaignId, FlowRows.REFUND)
            ? flowRows(campaignId, FlowRows.REFUND, request.couponAmount())
            : null;
    ReconciliationReport report =
        Reconciler.reconcile(
            campaignId,
            request.stockId(),
            request.waveNames() == null ? List.of() : request.waveNames(),
            issued,
            notified,
            used,
            refunded,
            unavailable);
    reconciliations.save(report);
    if (report.flowsUnavailable()) {
      metrics.flowsUnavailable();
      log.warn(
          "flows_unavailable campaign {} stock {}: {}",
          campaignId,
          request.stockId(),
          report.flowsUnavailableReason());
    }
    var t = report.totals();
    return new ReconcileSummary(
        report.balanced(),
        t.issuedCount(),
        t.notifiedCount(),
        t.useFlowCount(),
        t.refundFlowCount(),
        report.mismatches().size(),
        Reconciler.summary(report));
  }

  private List<Reconciler.FlowRow> flowRows(String campaignId, String kind, long couponAmount) {
    return flows.rows(campaignId, kind).stream()
        .map(
            r ->
                new Reconciler.FlowRow(
                    r.couponId(), r.couponAmount() == null ? couponAmount : r.couponAmount()))
        .toList();
  }

  private static MessageDigest sha1Digest() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // Temp files are cleaned by the OS eventually.
      }
    }
  }
}
