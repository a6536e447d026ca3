package com.campaigns.sandbox.stock;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.merchant.Merchant;
import com.campaigns.sandbox.protocol.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The stock endpoints of {@code /v3/marketing/favor}. */
@RestController
@RequestMapping("/v3/marketing/favor")
record StockController(StockService stocks) {

  @PostMapping("/coupon-stocks")
  Created create(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller,
      @RequestBody(required = false) JsonNode body) {
    Stock stock = stocks.create(caller.mchid(), body);
    return new Created(stock.id(), BusinessClock.format(stock.createTime()));
  }

  /**
   * start, pause, restart and stop: each answers when the move was made ({@code start_time}, …) and
   * the stock.
   */
  @PostMapping("/stocks/{stockId}/{move:start|pause|restart|stop}")
  Map<String, String> move(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller,
      @PathVariable String stockId,
      @PathVariable("move") String name,
      @RequestBody(required = false) CreatorBody body) {
    StockMove move = StockMove.fromWire(name);
    Instant at = stocks.move(caller.mchid(), stockId, creator(body), move);
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put(move.wire() + "_time", BusinessClock.format(at));
    answer.put("stock_id", stockId);
    return answer;
  }

  @GetMapping("/stocks")
  StockService.StockCollection list(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller,
      @RequestParam int offset,
      @RequestParam int limit,
      @RequestParam("stock_creator_mchid") String creator,
      @RequestParam(name = "create_start_time", required = false) String createStart,
      @RequestParam(name = "create_end_time", required = false) String createEnd,
      @RequestParam(required = false) String status) {
    return stocks.list(caller.mchid(), offset, limit, creator, createStart, createEnd, status);
  }

  @GetMapping("/stocks/{stockId}")
  StockView query(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller,
      @PathVariable String stockId,
      @RequestParam(name = "stock_creator_mchid", required = false) String creator) {
    return stocks.query(caller.mchid(), stockId, creator);
  }

  /** The ids a stock's coupons apply to: its available merchants, or its goods (单品). */
  @GetMapping("/stocks/{stockId}/{list:merchants|items}")
  StockService.IdCollection available(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller,
      @PathVariable String stockId,
      @PathVariable("list") String list,
      @RequestParam int offset,
      @RequestParam int limit,
      @RequestParam("stock_creator_mchid") String creator) {
    return "merchants".equals(list)
        ? stocks.availableMerchants(caller.mchid(), stockId, offset, limit, creator)
        : stocks.availableItems(caller.mchid(), stockId, offset, limit, creator);
  }

  private static String creator(CreatorBody body) {
    return body == null ? null : body.stockCreatorMchid();
  }

  record CreatorBody(String stockCreatorMchid) {}

  record Created(String stockId, String createTime) {}
}
