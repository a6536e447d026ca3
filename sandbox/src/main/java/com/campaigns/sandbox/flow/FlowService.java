package com.campaigns.sandbox.flow;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.crypto.Nonces;
import com.campaigns.sandbox.protocol.Rejected;
import com.campaigns.sandbox.stock.Stock;
import com.campaigns.sandbox.stock.Stocks;
import com.campaigns.sandbox.unconfirmed.EmptyFlow;
import com.campaigns.sandbox.unconfirmed.Unconfirmed;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Use-flow and refund-flow: availability after the stock ends, a file snapshot with its SHA-1, and
 * a download URL that expires on the business clock and only serves the merchant that asked.
 */
@Service
public class FlowService {

  /** The host the URLs name; clients rewrite it to the sandbox, as they do for every API call. */
  static final String DOWNLOAD_URL = "https://api.mch.weixin.qq.com/v3/billdownload/file?token=";

  private final Stocks stocks;
  private final FlowLedger ledger;
  private final FlowSettings settings;
  private final BusinessClock clock;
  private final Map<String, FlowFile> files = new ConcurrentHashMap<>();

  /** Per-stock replacements of {@code ready}, {@code delay} and {@code not_ready_answer}. */
  private final Map<String, StockFlowSettings> perStock = new ConcurrentHashMap<>();

  private final Unconfirmed unconfirmed;

  public FlowService(
      Stocks stocks,
      FlowLedger ledger,
      FlowSettings settings,
      BusinessClock clock,
      Unconfirmed unconfirmed) {
    this.unconfirmed = unconfirmed;
    this.stocks = stocks;
    this.ledger = ledger;
    this.settings = settings;
    this.clock = clock;
  }

  FlowLink useFlow(String caller, String stockId) {
    Stock stock = readyStock(caller, stockId);
    var rows = ledger.uses(stockId);
    if (rows.isEmpty() && unconfirmed.emptyFlow() == EmptyFlow.NOT_FOUND) {
      throw new Rejected(404, "RESOURCE_NOT_EXISTS", "核销流水不存在");
    }
    return publish(caller, FlowCsv.uses(rows));
  }

  FlowLink refundFlow(String caller, String stockId) {
    readyStock(caller, stockId);
    var rows = ledger.refunds(stockId);
    if (rows.isEmpty() && unconfirmed.emptyFlow() == EmptyFlow.NOT_FOUND) {
      throw new Rejected(404, "RESOURCE_NOT_EXISTS", "退款流水不存在");
    }
    return publish(caller, FlowCsv.refunds(rows));
  }

  /**
   * The file behind a download token: 400 INVALID_REQUEST if unknown or expired, 403 NO_AUTH for
   * another merchant.
   */
  byte[] download(String caller, String token) {
    FlowFile file = token == null ? null : files.get(token);
    if (file == null || clock.now().isAfter(file.expiresAt())) {
      throw new Rejected(400, "INVALID_REQUEST", "下载链接无效或已过期");
    }
    if (!file.mchid().equals(caller)) {
      throw new Rejected(403, "NO_AUTH", "无权限下载该文件");
    }
    return file.bytes();
  }

  /**
   * The moment the stock's flow files become available, or null while the stock has not ended or
   * when they never will ({@code ready: never}).
   */
  public Instant readyAt(Stock stock) {
    Instant ended = stock.endedAt(clock.now());
    StockFlowSettings s = settingsOf(stock.id());
    if (ended == null || s.ready() == FlowSettings.Readiness.NEVER) {
      return null;
    }
    Instant base =
        switch (s.ready()) {
          case AFTER_END -> ended;
          case NEXT_DAY_10AM, NEVER ->
              LocalDate.ofInstant(ended, BusinessClock.SHANGHAI)
                  .plusDays(1)
                  .atTime(10, 0)
                  .atZone(BusinessClock.SHANGHAI)
                  .toInstant();
        };
    return base.plus(s.delay());
  }

  /** The flow settings a stock follows: its own, else {@code sandbox.flow.*}. */
  public StockFlowSettings settingsOf(String stockId) {
    StockFlowSettings own = perStock.get(stockId);
    return own != null
        ? own
        : new StockFlowSettings(settings.ready(), settings.delay(), settings.notReadyAnswer());
  }

  /** Replaces a stock's flow settings (admin API); null fields keep the current ones. */
  public StockFlowSettings override(
      String stockId,
      FlowSettings.Readiness ready,
      Duration delay,
      FlowSettings.NotReadyAnswer notReadyAnswer) {
    stocks.get(stockId);
    StockFlowSettings now = settingsOf(stockId);
    StockFlowSettings next =
        new StockFlowSettings(
            ready == null ? now.ready() : ready,
            delay == null ? now.delay() : delay,
            notReadyAnswer == null ? now.notReadyAnswer() : notReadyAnswer);
    perStock.put(stockId, next);
    return next;
  }

  /** Back to {@code sandbox.flow.*} for the stock. */
  public void clearOverride(String stockId) {
    perStock.remove(stockId);
  }

  /** The flow settings of one stock. */
  public record StockFlowSettings(
      FlowSettings.Readiness ready, Duration delay, FlowSettings.NotReadyAnswer notReadyAnswer) {}

  private Stock readyStock(String caller, String stockId) {
    Stock stock = stocks.get(stockId);
    if (!stock.creatorMchid().equals(caller)) {
      throw new Rejected(403, "NO_AUTH", "调用商户无权限");
    }
    Instant ready = readyAt(stock);
    if (ready == null || clock.now().isBefore(ready)) {
      if (settingsOf(stockId).notReadyAnswer() == FlowSettings.NotReadyAnswer.NOT_FOUND) {
        throw new Rejected(404, "RESOURCE_NOT_EXISTS", "流水文件不存在");
      }
      throw new Rejected(
          400,
          "INVALID_REQUEST",
          "流水文件尚未生成,请在批次结束次日10:00后查询",
          Rejected.fieldDetail(
              "stock_id",
              stockId,
              ready == null
                  ? stock.endedAt(clock.now()) == null ? "stock has not ended" : "not published"
                  : "available from " + BusinessClock.format(ready),
              "uri_template"));
    }
    return stock;
  }

  private FlowLink publish(String caller, byte[] bytes) {
    Instant now = clock.now();
    files.values().removeIf(f -> now.isAfter(f.expiresAt()));
    String token = Nonces.hex(20);
    files.put(token, new FlowFile(caller, bytes, now.plus(settings.urlTtl())));
    return new FlowLink(DOWNLOAD_URL + token, sha1(bytes), "SHA1");
  }

  private static String sha1(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record FlowFile(String mchid, byte[] bytes, Instant expiresAt) {}

  record FlowLink(String url, String hashValue, String hashType) {}
}
