package com.campaigns.activities.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.campaigns.activities.stock.CreatedStockLookup;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.StockFacts;
import com.campaigns.wechatpay.WechatError;
import com.campaigns.wechatpay.WechatErrorClassifier;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.CouponRule;
import com.wechat.pay.java.service.cashcoupons.model.CreateCouponStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.FixedValueStockMsg;
import com.wechat.pay.java.service.cashcoupons.model.ListStocksRequest;
import com.wechat.pay.java.service.cashcoupons.model.PauseStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.QueryCallbackRequest;
import com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import com.wechat.pay.java.service.cashcoupons.model.StartStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.Stock;
import com.wechat.pay.java.service.cashcoupons.model.StockRule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the product relies on from WeChat Pay, stated once: every answer it branches on. A subclass
 * says where WeChat Pay is: the sandbox (in every test command, under each of its alternatives) or
 * the real API with a merchant's credentials ({@link RealWechatPayContract}, opt-in). Harmless
 * calls always; with {@link Target#realStock()} a tiny stock (the minimum face value, a coupon for
 * each of the merchant's test openids, paused at the end). For each behaviour the documentation
 * leaves open the {@link ContractReport} records which alternative this WeChat Pay showed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class WechatPayContract {

  /** Where WeChat Pay is and as whom to call it. */
  interface Target {
    MerchantClient merchant();

    String appid();

    /** Openids of the merchant's own test users: at least two. */
    List<String> openids();

    /** Whether the contract may create, start, send and pause a tiny real stock. */
    boolean realStock();

    /** WeChat Pay's idea of now (the sandbox's business clock, else the wall clock). */
    Instant now();

    /** Waits until {@code instant} has passed at WeChat Pay (the sandbox moves its clock). */
    void waitUntil(Instant instant);

    String name();
  }

  protected abstract Target target();

  final ContractReport report = new ContractReport();
  private String stockId;
  private String createNo;
  private CreateCouponStockRequest createRequest;

  CashCouponsService api() {
    return target().merchant().coupons();
  }

  String mchid() {
    return target().merchant().mchid();
  }

  @AfterAll
  void writeReport() {
    report.write(target().name());
  }

  /** Runs a call; answers the error WeChat Pay gave instead, or null when it succeeded. */
  static WechatError errorOf(Runnable call) {
    try {
      call.run();
      return null;
    } catch (RuntimeException e) {
      return WechatErrorClassifier.classify(e);
    }
  }

  static <T> T expectOk(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return fail(what + " failed: " + WechatErrorClassifier.classify(e).describe(), e);
    }
  }

  Stock query() {
    QueryStockRequest q = new QueryStockRequest();
    q.setStockId(stockId);
    q.setStockCreatorMchid(mchid());
    return expectOk("query stock " + stockId, () -> api().queryStock(q));
  }

  // ---------------------------------------------------------------- harmless

  @Test
  @Order(1)
  void anUnknownStockIsNotFound() {
    QueryStockRequest q = new QueryStockRequest();
    q.setStockId("1000000000000000001");
    q.setStockCreatorMchid(mchid());
    WechatError error = errorOf(() -> api().queryStock(q));
    report.relied(
        "query of a stock that does not exist",
        error == null ? "200" : error.httpStatus() + " " + error.code(),
        "classified NOT_FOUND");
    assertThat(error).as("an unknown stock is an error").isNotNull();
    assertThat(error.kind()).isEqualTo(WechatError.Kind.NOT_FOUND);
  }

  @Test
  @Order(2)
  void theCallbackCanBeRead() {
    QueryCallbackRequest q = new QueryCallbackRequest();
    q.setMchid(mchid());
    String observed;
    try {
      var callback = api().queryCallback(q);
      String url = callback == null ? null : callback.getNotifyUrl();
      observed = url == null ? "200 without notify_url" : url.isBlank() ? "200, empty" : "200, set";
    } catch (RuntimeException e) {
      WechatError error = WechatErrorClassifier.classify(e);
      observed = error.httpStatus() + " " + error.code();
      assertThat(error.kind())
          .as("the product reads only a 404 as 'no callback set': " + error.describe())
          .isEqualTo(WechatError.Kind.NOT_FOUND);
    }
    report.unconfirmed("callback read when none is set / as set", observed);
  }

  @Test
  @Order(3)
  void stocksAreListedByTheirCreator() {
    ListStocksRequest list = new ListStocksRequest();
    list.setStockCreatorMchid(mchid());
    list.setOffset(0);
    list.setLimit(10);
    var page = expectOk("list stocks", () -> api().listStocks(list));
    report.relied(
        "list of the merchant's stocks", "200, total_count " + page.getTotalCount(), "paged");
    assertThat(page.getTotalCount()).isNotNull();
  }

  // ---------------------------------------------------------------- a tiny real stock

  boolean real() {
    return target().realStock();
  }

  static String rfc3339(Instant instant) {
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.ofHours(8))
        .toString();
  }

  @Test
  @Order(10)
  void aStockIsCreatedOnceForOneRequestNumber() {
    if (!real()) {
      report.skipped("create, start, send, pause a tiny stock", "harmless mode");
      return;
    }
    long coupons = target().openids().size();
    StockRule rule = new StockRule();
    rule.setMaxCoupons(coupons);
    rule.setMaxAmount(10L * coupons);
    rule.setMaxCouponsPerUser(1);
    rule.setNaturalPersonLimit(false);
    rule.setPreventApiAbuse(false);
    FixedValueStockMsg fixed = new FixedValueStockMsg();
    fixed.setCouponAmount(10L);
    fixed.setTransactionMinimum(11L);
    CouponRule couponRule = new CouponRule();
    couponRule.setFixedNormalCoupon(fixed);
    couponRule.setAvailableMerchants(List.of(mchid()));
    CreateCouponStockRequest r = new CreateCouponStockRequest();
    r.setStockName("契约测试");
    r.setComment("campaigns contract test");
    r.setBelongMerchant(mchid());
    Instant begin = target().now().plusSeconds(60);
    r.setAvailableBeginTime(rfc3339(begin));
    r.setAvailableEndTime(rfc3339(begin.plus(1, ChronoUnit.DAYS)));
    r.setStockUseRule(rule);
    r.setCouponUseRule(couponRule);
    r.setNoCash(true);
    r.setStockType("NORMAL");
    createNo = "contract" + System.currentTimeMillis();
    r.setOutRequestNo(createNo);
    createRequest = r;
    stockId = expectOk("create stock", () -> api().createCouponStock(r)).getStockId();
    Stock created = query();
    assertThat(created.getStatus()).isEqualTo("unactivated");
    assertThat(created.getDistributedCoupons()).isZero();

    // The product repeats a create whose answer was lost with the same number and body.
    String again = null;
    WechatError error = null;
    try {
      again = api().createCouponStock(r).getStockId();
    } catch (RuntimeException e) {
      error = WechatErrorClassifier.classify(e);
    }
    report.unconfirmed(
        "repeated create, same out_request_no and body",
        again != null
            ? (again.equals(stockId) ? "200, the same stock_id" : "200, ANOTHER stock_id " + again)
            : error.httpStatus() + " " + error.code());
    assertThat(again == null || again.equals(stockId))
        .as("a repeated create must not make a second stock")
        .isTrue();
    if (again == null) {
      // Refused: the product finds the stock the first try made in the merchant's stock list.
      assertThat(CreatedStockLookup.find(target().merchant(), r, target().now()))
          .as("the refused repeat's stock, found by its terms")
          .hasValueSatisfying(s -> assertThat(s.getStockId()).isEqualTo(stockId));
      report.relied("the stock of a refused repeated create, in the stock list", "found", "found");
    }
  }

  /** A repeated move: 200, or a refusal the product settles by reading the stock's status. */
  private String repeatedMove(Runnable call) {
    WechatError error = errorOf(call);
    if (error == null) {
      return "200";
    }
    assertThat(error.kind().readsStock())
        .as(
            "a refusal of a move already made must be one the product reads the stock for: %s",
            error.describe())
        .isTrue();
    return error.httpStatus() + " " + error.code();
  }

  private StartStockRequest start() {
    StartStockRequest s = new StartStockRequest();
    s.setStockId(stockId);
    s.setStockCreatorMchid(mchid());
    return s;
  }

  @Test
  @Order(11)
  void aStartedStockRunsAndARepeatedStartLeavesItRunning() {
    if (!real()) {
      return;
    }
    expectOk("start stock", () -> api().startStock(start()));
    assertThat(query().getStatus()).isEqualTo("running");
    report.unconfirmed("start of a running stock", repeatedMove(() -> api().startStock(start())));
    assertThat(query().getStatus()).isEqualTo("running");
  }

  @Test
  @Order(12)
  void aSendIsIdempotentForItsRequestNumber() {
    if (!real()) {
      return;
    }
    target().waitUntil(OffsetDateTime.parse(createRequest.getAvailableBeginTime()).toInstant());
    SendCouponRequest send = new SendCouponRequest();
    send.setOpenid(target().openids().get(0));
    send.setStockId(stockId);
    send.setOutRequestNo(mchid() + "contract" + System.currentTimeMillis());
    send.setAppid(target().appid());
    send.setStockCreatorMchid(mchid());
    String first = expectOk("send coupon", () -> api().sendCoupon(send)).getCouponId();
    String again = expectOk("repeated send", () -> api().sendCoupon(send)).getCouponId();
    report.relied(
        "repeated send, same out_request_no",
        "200, the same coupon_id: " + first.equals(again),
        "same coupon_id");
    assertThat(again).as("exactly once rests on this").isEqualTo(first);
    assertThat(query().getDistributedCoupons()).isEqualTo(1);
  }

  @Test
  @Order(13)
  void aPausedStockRefusesSendsAndItsStatusSaysWhy() {
    if (!real()) {
      return;
    }
    PauseStockRequest pause = new PauseStockRequest();
    pause.setStockId(stockId);
    pause.setStockCreatorMchid(mchid());
    expectOk("pause stock", () -> api().pauseStock(pause));
    report.unconfirmed("pause of a paused stock", repeatedMove(() -> api().pauseStock(pause)));
    Stock paused = query();
    assertThat(paused.getStatus()).isEqualTo("paused");

    SendCouponRequest send = new SendCouponRequest();
    send.setOpenid(target().openids().get(1));
    send.setStockId(stockId);
    send.setOutRequestNo(mchid() + "contract" + System.nanoTime());
    send.setAppid(target().appid());
    send.setStockCreatorMchid(mchid());
    WechatError refused = errorOf(() -> api().sendCoupon(send));
    assertThat(refused).as("a paused stock issues nothing").isNotNull();
    report.unconfirmed("send to a paused stock", refused.httpStatus() + " " + refused.code());
    // The product reads the stock after such a refusal: the facts, not the code, say why.
    StockFacts facts = StockFacts.of(paused, 10, 10);
    assertThat(refused.kind().readsStock() || refused.kind() == WechatError.Kind.FATAL)
        .as(refused.describe())
        .isTrue();
    assertThat(facts.finding()).isEqualTo(StockFacts.Finding.NOT_RUNNING);
    report.relied("the stock's status after a refused send", "paused", "NOT_RUNNING");
  }
}
