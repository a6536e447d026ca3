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
import org.springframework.stereotype.Component;

/**
 * Downloads a stock's flow files and reconciles them. The download URL lives 30 seconds, so an
 * expired one is simply asked for again; the file is hashed while it streams to disk (it can be
 * large) and parsed only once its SHA-1 matches.
 */
@Component
@ActivityImpl(taskQueues = TemporalNames.TASK_QUEUE)
public class FlowActivitiesImpl implements FlowActivities {

  private static final int URL_ATTEMPTS = 3;

  private final WechatMerchants merchants;
  private final FlowRows flows;
  private final IssuanceLedger ledger;
  private final CouponUses uses;
  private final Reconciliations reconciliations;

  public FlowActivitiesImpl(
      WechatMerchants merchants,
      FlowRows flows,
      IssuanceLedger ledger,
      CouponUses uses,
      Reconciliations reconciliations) {
    this.merchants = merchants;
    this.flows = flows;
    this.ledger = ledger;
    this.uses = uses;
    this.reconciliations = reconciliations;
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
        // Before the file is published WeChat Pay refuses the request; the exact wording is not
        // documented (the sandbox says 尚未生成), so any INVALID_REQUEST means "try again later".
        if ("INVALID_REQUEST".equals(error.code())
            || (error.message() != null && error.message().contains("尚未"))) {
          throw ApplicationFailure.newBuilder()
              .setMessage(what + " is not published yet: " + error.describe())
              .setType(FailureTypes.FLOW_NOT_READY)
              .setCategory(io.temporal.failure.ApplicationErrorCategory.BENIGN)
              .build();
        }
        if (error.kind() == WechatError.Kind.NOT_FOUND) {
          // WeChat Pay answers RESOURCE_NOT_EXISTS when nothing was used or refunded.
          flows.replace(request.campaignId(), kind, request.stockId(), null, List.of());
          return new FlowResult(kind, 0, 0, null);
        }
        throw WechatFailures.toFailure("get " + what, error);
      }
      Path file = null;
      try {
        file = Files.createTempFile("flow-", ".csv");
        String sha1;
        try (InputStream in = client.http().download(link.url());
            OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha1Digest())) {
          in.transferTo(out);
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
    var used = flowRows(campaignId, FlowRows.USE, request.couponAmount());
    var refunded = flowRows(campaignId, FlowRows.REFUND, request.couponAmount());
    ReconciliationReport report =
        Reconciler.reconcile(
            campaignId,
            request.stockId(),
            request.waveNames() == null ? List.of() : request.waveNames(),
            issued,
            notified,
            used,
            refunded);
    reconciliations.save(report);
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
