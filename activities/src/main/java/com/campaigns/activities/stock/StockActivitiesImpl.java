package com.campaigns.activities.stock;

import com.campaigns.activities.stock.RefusedMove.Move;
import com.campaigns.activities.wechat.WechatFailures;
import com.campaigns.ledger.CouponUses;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatError;
import com.campaigns.wechatpay.WechatErrorClassifier;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.activity.StockActivities;
import com.campaigns.workflows.model.CallbackRequest;
import com.campaigns.workflows.model.CallbackResult;
import com.campaigns.workflows.model.CreateStockRequest;
import com.campaigns.workflows.model.FailureTypes;
import com.campaigns.workflows.model.MerchantCheck;
import com.campaigns.workflows.model.StockCheck;
import com.campaigns.workflows.model.StockCommand;
import com.campaigns.workflows.model.StockCreated;
import com.campaigns.workflows.model.StockTransition;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.PauseStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.RestartStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.StartStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.Stock;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The stock lifecycle through the official SDK. Thin: map, call, classify; a move refused with a
 * code that does not say why is decided by the stock's status ({@link RefusedMove}).
 */
@Component
@ActivityImpl(taskQueues = TemporalNames.TASK_QUEUE)
public class StockActivitiesImpl implements StockActivities {

  private static final Logger log = LoggerFactory.getLogger(StockActivitiesImpl.class);

  private final WechatMerchants merchants;
  private final CouponUses uses;

  public StockActivitiesImpl(WechatMerchants merchants, CouponUses uses) {
    this.merchants = merchants;
    this.uses = uses;
  }

  @Override
  public CallbackResult setCallback(CallbackRequest request) {
    return CallbackSetting.apply(client(request.mchid()), request.notifyUrl());
  }

  @Override
  public StockCreated createStock(CreateStockRequest request) {
    MerchantClient client = client(request.mchid());
    var sent = StockRequests.create(request.mchid(), request.outRequestNo(), request.stock());
    String operation = "create stock " + request.outRequestNo();
    try {
      var response = client.coupons().createCouponStock(sent);
      return new StockCreated(response.getStockId(), response.getCreateTime());
    } catch (RuntimeException e) {
      WechatError error = WechatErrorClassifier.classify(e);
      if (!error.kind().readsStock()) {
        throw WechatFailures.toFailure(operation, error);
      }
      // A refusal that may be WeChat Pay's answer to a repeat of a create that took effect.
      Stock earlier =
          CreatedStockLookup.find(client, sent, Instant.now())
              .orElseThrow(() -> WechatFailures.toFailure(operation, error));
      log.info(
          "{} was refused ({}) but stock {} with its terms exists: an earlier try made it",
          operation,
          error.describe(),
          earlier.getStockId());
      return new StockCreated(earlier.getStockId(), earlier.getCreateTime());
    }
  }

  @Override
  public StockTransition activateStock(StockCommand command) {
    var request = new StartStockRequest();
    about(command, request::setStockId, request::setStockCreatorMchid);
    return moved(command, Move.ACTIVATE, c -> c.startStock(request).getStartTime());
  }

  @Override
  public StockTransition pauseStock(StockCommand command) {
    var request = new PauseStockRequest();
    about(command, request::setStockId, request::setStockCreatorMchid);
    return moved(command, Move.PAUSE, c -> c.pauseStock(request).getPauseTime());
  }

  @Override
  public StockTransition restartStock(StockCommand command) {
    var request = new RestartStockRequest();
    about(command, request::setStockId, request::setStockCreatorMchid);
    return moved(command, Move.RESTART, c -> c.restartStock(request).getRestartTime());
  }

  /** Moves the stock through one SDK call that answers when the move was made. */
  private StockTransition moved(
      StockCommand command, Move move, Function<CashCouponsService, String> sdk) {
    MerchantClient client = client(command.mchid());
    String operation = move.name().toLowerCase(Locale.ROOT) + " stock " + command.stockId();
    String at;
    try {
      at = sdk.apply(client.coupons());
    } catch (RuntimeException e) {
      WechatError error = WechatErrorClassifier.classify(e);
      if (!error.kind().readsStock()) {
        throw WechatFailures.toFailure(operation, error);
      }
      return refused(client, command, move, operation, error);
    }
    return new StockTransition(command.stockId(), move.to, at);
  }

  /** A move refused with a code that does not say why: the stock's status decides. */
  private StockTransition refused(
      MerchantClient client, StockCommand command, Move move, String operation, WechatError error) {
    Stock stock = query(client, command);
    String status = stock.getStatus();
    boolean preFunded = Boolean.FALSE.equals(stock.getNoCash());
    WechatError said =
        new WechatError(
            error.kind(),
            error.httpStatus(),
            error.code(),
            (error.message() == null ? "" : error.message() + "; ") + "the stock is " + status);
    int attempt = Activity.getExecutionContext().getInfo().getAttempt();
    return switch (RefusedMove.meaning(move, error.kind(), status, preFunded, attempt)) {
      case DONE -> new StockTransition(command.stockId(), status, null);
      case STOCK_STATE -> {
        if (move == Move.PAUSE) {
          // Not running any more (ended or stopped): nothing to pause; report what it is.
          yield new StockTransition(command.stockId(), status, null);
        }
        throw ApplicationFailure.newNonRetryableFailure(
            operation + " failed: " + said.describe(), FailureTypes.STOCK_STATE);
      }
      case RETRY -> throw WechatFailures.toFailure(operation, said, true);
      case FAIL -> throw WechatFailures.toFailure(operation, said, false);
      case INSUFFICIENT_FUNDS ->
          throw ApplicationFailure.newNonRetryableFailure(
              operation
                  + " refused: "
                  + said.describe()
                  + "; the stock is pre-funded, so its budget is locked from the merchant's"
                  + " balance at activation: top up the balance, then resume",
              FailureTypes.INSUFFICIENT_FUNDS);
    };
  }

  @Override
  public StockCheck checkStock(StockCommand command) {
    Stock stock = query(client(command.mchid()), command);
    CouponUses.Totals used = uses.totals(command.campaignId());
    long distributed = stock.getDistributedCoupons() == null ? 0 : stock.getDistributedCoupons();
    return new StockCheck(stock.getStatus(), distributed, used.count(), used.amount());
  }

  private Stock query(MerchantClient client, StockCommand command) {
    var request = new QueryStockRequest();
    about(command, request::setStockId, request::setStockCreatorMchid);
    return call("query stock " + command.stockId(), () -> client.coupons().queryStock(request));
  }

  /** Every request about one stock names it and its creator, the calling merchant. */
  private static void about(
      StockCommand command, Consumer<String> stockId, Consumer<String> creatorMchid) {
    stockId.accept(command.stockId());
    creatorMchid.accept(command.mchid());
  }

  @Override
  public MerchantCheck checkMerchant(StockCommand command) {
    return merchants.find(command.mchid()).isPresent()
        ? new MerchantCheck(command.mchid(), true, null)
        : new MerchantCheck(command.mchid(), false, merchants.whyUnavailable(command.mchid()));
  }

  private MerchantClient client(String mchid) {
    return merchants
        .find(mchid)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    merchants.whyUnavailable(mchid), FailureTypes.MERCHANT_UNKNOWN));
  }

  /** Runs one SDK call and maps its failure. */
  static <T> T call(String operation, Supplier<T> sdkCall) {
    try {
      return sdkCall.get();
    } catch (RuntimeException e) {
      throw WechatFailures.toFailure(operation, WechatErrorClassifier.classify(e));
    }
  }
}
