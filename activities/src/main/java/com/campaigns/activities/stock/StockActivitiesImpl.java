package com.campaigns.activities.stock;

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
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** The stock lifecycle through the official SDK. Thin: map, call, classify. */
@Component
@ActivityImpl(taskQueues = TemporalNames.TASK_QUEUE)
public class StockActivitiesImpl implements StockActivities {

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
    var response =
        call(
            "create stock " + request.outRequestNo(),
            () ->
                client
                    .coupons()
                    .createCouponStock(
                        StockRequests.create(
                            request.mchid(), request.outRequestNo(), request.stock())));
    return new StockCreated(response.getStockId(), response.getCreateTime());
  }

  @Override
  public StockTransition activateStock(StockCommand command) {
    var request = new StartStockRequest();
    about(command, request::setStockId, request::setStockCreatorMchid);
    return moved(command, "activate", "running", c -> c.startStock(request).getStartTime());
  }

  @Override
  public StockTransition pauseStock(StockCommand command) {
    var request = new PauseStockRequest();
    about(command, request::setStockId, request::setStockCreatorMchid);
    try {
      return moved(command, "pause", "paused", c -> c.pauseStock(request).getPauseTime());
    } catch (ApplicationFailure f) {
      if (!FailureTypes.STOCK_STATE.equals(f.getType())) {
        throw f;
      }
      // Not running any more (ended or stopped): nothing to pause; report what it is.
      Stock stock = query(client(command.mchid()), command);
      return new StockTransition(command.stockId(), stock.getStatus(), null);
    }
  }

  @Override
  public StockTransition restartStock(StockCommand command) {
    var request = new RestartStockRequest();
    about(command, request::setStockId, request::setStockCreatorMchid);
    return moved(command, "restart", "running", c -> c.restartStock(request).getRestartTime());
  }

  /** Moves the stock through one SDK call that answers when the move was made. */
  private StockTransition moved(
      StockCommand command, String move, String status, Function<CashCouponsService, String> sdk) {
    CashCouponsService coupons = client(command.mchid()).coupons();
    String at = call(move + " stock " + command.stockId(), () -> sdk.apply(coupons));
    return new StockTransition(command.stockId(), status, at);
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

  /** Runs one SDK call and maps its failure; "非法的批次状态" becomes the STOCK_STATE type. */
  static <T> T call(String operation, Supplier<T> sdkCall) {
    try {
      return sdkCall.get();
    } catch (RuntimeException e) {
      WechatError error = WechatErrorClassifier.classify(e);
      if (error.kind() == WechatError.Kind.STOCK_STATE) {
        throw ApplicationFailure.newNonRetryableFailure(
            operation + " failed: " + error.describe(), FailureTypes.STOCK_STATE);
      }
      throw WechatFailures.toFailure(operation, error);
    }
  }
}
