package com.campaigns.starter.console;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.starter.campaign.CampaignService;
import com.campaigns.starter.campaign.ReportView;
import com.campaigns.starter.console.CampaignPage.Actions;
import com.campaigns.starter.console.CampaignPage.CodeCount;
import com.campaigns.starter.console.CampaignPage.WaveRow;
import com.campaigns.starter.system.RequestRejected;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.StockSpec;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Builds the console's page models from the API's services (status query, report, index). */
@Component
class ConsolePages {

  private static final Set<CampaignPhase> PAUSABLE =
      EnumSet.of(
          CampaignPhase.SCHEDULED,
          CampaignPhase.CREATING_STOCK,
          CampaignPhase.ACTIVATING,
          CampaignPhase.RUNNING);
  private static final Set<CampaignPhase> CANCELLABLE =
      EnumSet.of(
          CampaignPhase.AWAITING_APPROVAL,
          CampaignPhase.SCHEDULED,
          CampaignPhase.CREATING_STOCK,
          CampaignPhase.ACTIVATING,
          CampaignPhase.RUNNING,
          CampaignPhase.PAUSED);

  private final CampaignService campaigns;
  private final CampaignIndex index;
  private final ConsoleProperties properties;
  private final String namespace;
  private final ObjectMapper json = new ObjectMapper();

  ConsolePages(
      CampaignService campaigns,
      CampaignIndex index,
      ConsoleProperties properties,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    this.campaigns = campaigns;
    this.index = index;
    this.properties = properties;
    this.namespace = namespace;
  }

  /** The campaign page; 404 (as {@link RequestRejected}) when there is no such campaign. */
  CampaignPage campaign(String campaignId) {
    CampaignIndex.Entry entry =
        index
            .find(campaignId)
            .orElseThrow(() -> RequestRejected.notFound("no campaign " + campaignId));
    StatusDocument status = null;
    String notice = null;
    try {
      status = campaigns.status(campaignId);
    } catch (RequestRejected e) {
      if (e.status() == HttpStatus.NOT_FOUND) {
        throw e;
      }
      notice = e.getMessage();
    }
    ReportView report = null;
    try {
      report = ReportView.of(campaigns.report(campaignId));
    } catch (RequestRejected e) {
      // 409 report_not_ready: the page says so.
    }
    CampaignPhase phase = status != null ? status.status() : phase(entry.status());
    boolean finished = phase != null && phase.isTerminal();
    // The spec is parsed once per render: inline audiences can make it megabytes.
    StockSpec stock = stockSpec(entry);
    return new CampaignPage(
        campaignId,
        stock == null ? null : stock.stockName(),
        entry.createdBy(),
        status,
        notice,
        runUrl(entry),
        waves(status),
        rejected(status),
        history(status),
        report,
        actions(status),
        finished,
        null,
        flowsNotice(status),
        coupon(stock));
  }

  private StockSpec stockSpec(CampaignIndex.Entry entry) {
    try {
      JsonNode spec = json.readTree(entry.specJson() == null ? "{}" : entry.specJson());
      return spec.hasNonNull("stock") ? json.treeToValue(spec.get("stock"), StockSpec.class) : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static final String[] WEEK_DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

  /** What the coupon is, line by line: only what the spec sets. */
  static List<CampaignPage.CouponLine> coupon(StockSpec s) {
    List<CampaignPage.CouponLine> lines = new ArrayList<>();
    if (s == null) {
      return lines;
    }
    if (s.couponAmount() != null && s.transactionMinimum() != null) {
      lines.add(
          line(
              "Value 面额",
              yuan(s.couponAmount())
                  + " off orders of "
                  + yuan(s.transactionMinimum())
                  + " or more"));
    }
    line(
        lines,
        "Funding",
        s.noCash() == null ? null : s.noCash() ? "免充值 (no_cash)" : "预充值 (pre-funded)");
    if (s.patternInfo() != null) {
      var p = s.patternInfo();
      line(lines, "使用说明", p.description());
      line(lines, "Merchant name", p.merchantName());
      line(lines, "Background", p.backgroundColor());
      line(lines, "Logo", p.merchantLogo());
      line(lines, "Image", p.couponImage());
    }
    line(lines, "Goods tags", join(s.goodsTag()));
    line(lines, "Trade types", join(s.tradeType()));
    line(
        lines,
        "Combines with other offers",
        s.combineUse() == null ? null : s.combineUse() ? "yes" : "no");
    line(lines, "Items (single-item stock)", join(s.availableItems()));
    if (s.fixAvailableTime() != null) {
      var t = s.fixAvailableTime();
      String days =
          t.availableWeekDay() == null
              ? ""
              : String.join(
                  " ",
                  t.availableWeekDay().stream()
                      .map(d -> d >= 0 && d < 7 ? WEEK_DAYS[d] : String.valueOf(d))
                      .toList());
      line(lines, "Usable", days + " " + clock(t.beginTime()) + "–" + clock(t.endTime()));
    }
    if (Boolean.TRUE.equals(s.secondDayAvailable())) {
      line(lines, "Usable from", "the day after it is received");
    }
    if (s.availableTimeAfterReceive() != null) {
      line(lines, "Usable for", s.availableTimeAfterReceive() + " minutes after it is received");
    }
    return lines;
  }

  private static CampaignPage.CouponLine line(String label, String value) {
    return new CampaignPage.CouponLine(label, value);
  }

  private static void line(List<CampaignPage.CouponLine> lines, String label, String value) {
    if (value != null && !value.isBlank()) {
      lines.add(line(label, value));
    }
  }

  private static String join(List<String> values) {
    return values == null || values.isEmpty() ? null : String.join(", ", values);
  }

  private static String yuan(long fen) {
    return String.format(java.util.Locale.ROOT, "¥%d.%02d", fen / 100, fen % 100);
  }

  private static String clock(Integer seconds) {
    if (seconds == null) {
      return "?";
    }
    return String.format(java.util.Locale.ROOT, "%02d:%02d", seconds / 3600, seconds % 3600 / 60);
  }

  /**
   * What the page says of WeChat Pay's flow files: when they are expected, that the campaign waits
   * for them (since when, next try, deadline, the last answer), or that they never came; null once
   * downloaded or before the stock ends.
   */
  static String flowsNotice(StatusDocument s) {
    StatusDocument.Flows f = s == null ? null : s.flows();
    if (f == null || f.state() == null) {
      return null;
    }
    return switch (f.state()) {
      case EXPECTED ->
          "WeChat Pay publishes the flow files at "
              + shown(f.expectedAt())
              + "; the campaign waits for them until "
              + shown(f.deadline())
              + ".";
      case DOWNLOADING -> "Downloading WeChat Pay's flow files.";
      case WAITING ->
          "Waiting for WeChat Pay's flow files since "
              + shown(f.waitingSince())
              + ", next try at "
              + shown(f.nextTryAt())
              + " ("
              + f.tries()
              + (f.tries() == 1 ? " not-ready answer" : " not-ready answers")
              + "; the campaign gives up at "
              + shown(f.deadline())
              + "). Last answer: "
              + f.lastAnswer();
      case UNAVAILABLE ->
          "Flows unavailable: " + f.reason() + ". The report is not reconciled against WeChat Pay.";
      case DOWNLOADED -> null;
    };
  }

  private static String shown(String rfc3339) {
    return rfc3339 == null
        ? "—"
        : ShanghaiTime.parse(rfc3339).map(ShanghaiTime::display).orElse(rfc3339);
  }

  String runUrl(CampaignIndex.Entry entry) {
    if (properties.temporalUiUrl().isEmpty()) {
      return null;
    }
    return properties.temporalUiUrl()
        + "/namespaces/"
        + encode(namespace)
        + "/workflows/"
        + encode(
            entry.workflowId() != null
                ? entry.workflowId()
                : TemporalNames.workflowId(entry.campaignId()));
  }

  private static Actions actions(StatusDocument s) {
    if (s == null) {
      return new Actions(false, false, false, false);
    }
    boolean pausedByHand = s.pause() != null && s.pause().reason() == PauseReason.MANUAL;
    boolean pause =
        PAUSABLE.contains(s.status()) || (s.status() == CampaignPhase.PAUSED && !pausedByHand);
    return new Actions(
        pause,
        s.status() == CampaignPhase.PAUSED,
        CANCELLABLE.contains(s.status()),
        s.status() == CampaignPhase.AWAITING_APPROVAL);
  }

  private static List<WaveRow> waves(StatusDocument s) {
    if (s == null || s.waves() == null) {
      return List.of();
    }
    List<WaveRow> rows = new ArrayList<>();
    for (StatusDocument.Wave w : s.waves()) {
      long answered = w.issued() + w.rejected() + w.failed();
      int percent =
          w.recipients() <= 0
              ? 0
              : (int) Math.min(100, Math.round(answered * 100.0 / w.recipients()));
      rows.add(
          new WaveRow(
              w.name(),
              w.status() == null ? "" : w.status().name(),
              w.startAt(),
              w.recipients(),
              w.issued(),
              w.rejected(),
              w.failed(),
              percent));
    }
    return rows;
  }

  private static List<CodeCount> rejected(StatusDocument s) {
    if (s == null || s.rejected() == null || s.rejected().byCode() == null) {
      return List.of();
    }
    return s.rejected().byCode().entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .map(e -> new CodeCount(e.getKey(), e.getValue()))
        .toList();
  }

  /** Newest first: what just happened is what a marketer looks for. */
  private static List<StatusDocument.HistoryEntry> history(StatusDocument s) {
    if (s == null || s.history() == null) {
      return List.of();
    }
    List<StatusDocument.HistoryEntry> h = new ArrayList<>(s.history());
    Collections.reverse(h);
    return h;
  }

  private static CampaignPhase phase(String status) {
    try {
      return status == null ? null : CampaignPhase.valueOf(status);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
