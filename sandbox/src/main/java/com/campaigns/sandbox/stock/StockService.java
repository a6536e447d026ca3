package com.campaigns.sandbox.stock;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.protocol.Rejected;
import com.campaigns.sandbox.unconfirmed.ListOffset;
import com.campaigns.sandbox.unconfirmed.RepeatedCreate;
import com.campaigns.sandbox.unconfirmed.RepeatedMove;
import com.campaigns.sandbox.unconfirmed.Unconfirmed;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Create, the state machine (start, pause, restart, stop: {@link StockMove}) and the stock queries.
 */
@Service
public class StockService {

  static final String ILLEGAL_STATE = "非法的批次状态";

  private final Stocks stocks;
  private final BusinessClock clock;
  private final ActivationFunds funds;
  private final Unconfirmed unconfirmed;

  public StockService(
      Stocks stocks, BusinessClock clock, ActivationFunds funds, Unconfirmed unconfirmed) {
    this.stocks = stocks;
    this.clock = clock;
    this.funds = funds;
    this.unconfirmed = unconfirmed;
  }

  /**
   * Creates a stock. A repeated {@code out_request_no} with the same body returns the first stock;
   * with a different body it is a 400 INVALID_REQUEST.
   */
  Stock create(String caller, JsonNode body) {
    JsonNode outRequestNo = body == null ? null : body.get("out_request_no");
    if (outRequestNo != null && outRequestNo.isTextual()) {
      var existing = stocks.findByOutRequestNo(caller, outRequestNo.textValue());
      if (existing.isPresent()) {
        return repeated(sameRequest(existing.get(), body));
      }
    }
    StockTerms terms = StockValidator.validate(body, caller, clock.now());
    Stock stock = stocks.create(caller, terms, clock.now());
    return stock.terms() == terms ? stock : repeated(sameRequest(stock, body));
  }

  /** The same create again: the first stock, or the refusal the alternative plays. */
  private Stock repeated(Stock first) {
    if (unconfirmed.repeatedCreate() == RepeatedCreate.INVALID_REQUEST) {
      throw new Rejected(400, "INVALID_REQUEST", "out_request_no已使用,请勿重复创建批次");
    }
    return first;
  }

  private static Stock sameRequest(Stock stock, JsonNode body) {
    if (!stock.terms().request().equals(body)) {
      throw Rejected.outRequestNoReused(stock.terms().outRequestNo(), "stock " + stock.id());
    }
    return stock;
  }

  /**
   * Makes a move of the stock's state machine and answers when it was made. A stock already in the
   * state the move enters answers the time of that earlier move (idempotent: stopping a stopped
   * stock answers its stop time again), or, as the alternative {@link RepeatedMove#PARAM_ERROR},
   * the illegal-state refusal; from any other state the move is illegal.
   */
  Instant move(String caller, String stockId, String creator, StockMove move) {
    Stock stock = owned(caller, stockId, creator);
    if (move == StockMove.START && !stock.terms().noCash()) {
      // A pre-funded start locks the budget: checked and made under the funds' monitor, so two
      // starts cannot both spend the same balance.
      synchronized (funds) {
        return move(stock, move, clock.now());
      }
    }
    return move(stock, move, clock.now());
  }

  private Instant move(Stock stock, StockMove move, Instant now) {
    synchronized (stock) {
      StockStatus status = stock.status(now);
      if (move.leaves(status)) {
        if (move == StockMove.START && !stock.terms().noCash()) {
          funds.check(stock, now);
        }
        stock.make(move, now);
      } else if (status != move.to() || unconfirmed.repeatedMove() == RepeatedMove.PARAM_ERROR) {
        throw illegalState(stock, now);
      }
      Instant at = stock.movedAt(move);
      // Only restarting a stock that has run since its start finds no time of its own: it answers
      // the start.
      return at != null ? at : stock.startTime();
    }
  }

  StockView query(String caller, String stockId, String creator) {
    return StockView.of(owned(caller, stockId, creator), clock.now());
  }

  StockCollection list(
      String caller,
      int offset,
      int limit,
      String creator,
      String createStart,
      String createEnd,
      String status) {
    if (offset < 0) {
      throw Rejected.paramError("offset须大于等于0", "offset", offset, "offset must be >= 0");
    }
    checkRange("limit", limit, 1, 10);
    if (!creator.equals(caller)) {
      throw new Rejected(403, "NO_AUTH", "无权限查询其他商户的批次");
    }
    Instant from = queryTime("create_start_time", createStart);
    Instant to = queryTime("create_end_time", createEnd);
    StockStatus wanted = null;
    if (status != null && !status.isEmpty()) {
      wanted = StockStatus.fromWire(status);
      if (wanted == null && !"audit".equals(status)) {
        throw Rejected.paramError(
            "批次状态不合法", "status", status, "unactivated, audit, running, stoped or paused", "query");
      }
    }
    Instant now = clock.now();
    StockStatus filter = wanted;
    boolean auditOnly = "audit".equals(status);
    List<Stock> matching =
        stocks.all().stream()
            .filter(s -> s.creatorMchid().equals(creator))
            .filter(s -> from == null || !s.createTime().isBefore(from))
            .filter(s -> to == null || !s.createTime().isAfter(to))
            .filter(s -> !auditOnly && (filter == null || s.status(now) == filter))
            .sorted(Comparator.comparing(Stock::createTime).thenComparing(Stock::id).reversed())
            .toList();
    long skip = unconfirmed.listOffset() == ListOffset.PAGE ? (long) offset * limit : (long) offset;
    List<StockView> page =
        matching.stream().skip(skip).limit(limit).map(s -> StockView.of(s, now)).toList();
    return new StockCollection(matching.size(), page, limit, offset);
  }

  IdCollection availableMerchants(
      String caller, String stockId, int offset, int limit, String creator) {
    Stock stock = owned(caller, stockId, creator);
    return page(stock, stock.terms().availableMerchants(), offset, limit, 1000, 50);
  }

  IdCollection availableItems(
      String caller, String stockId, int offset, int limit, String creator) {
    Stock stock = owned(caller, stockId, creator);
    return page(stock, stock.terms().availableItems(), offset, limit, 500, 100);
  }

  private static IdCollection page(
      Stock stock, List<String> ids, int offset, int limit, int maxOffset, int maxLimit) {
    checkRange("offset", offset, 0, maxOffset);
    checkRange("limit", limit, 1, maxLimit);
    List<String> data = ids.stream().skip(offset).limit(limit).toList();
    return new IdCollection(ids.size(), data, offset, limit, stock.id());
  }

  /** A paging query parameter outside WeChat Pay's range: {@code limit须在1至10之间}. */
  private static void checkRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw Rejected.paramError(
          name + "须在" + min + "至" + max + "之间",
          name,
          value,
          name + " must be between " + min + " and " + max,
          "query");
    }
  }

  /**
   * The stock, checked for ownership: it must exist (404 RESOURCE_NOT_EXISTS), the caller must have
   * created it (403 REQUEST_BLOCKED "调用商户无权限"), and {@code stock_creator_mchid} must name its
   * creator (404, as that pair does not exist).
   */
  Stock owned(String caller, String stockId, String creator) {
    Stock stock = stocks.get(stockId);
    if (creator == null || creator.isEmpty()) {
      throw BodyFields.required("stock_creator_mchid");
    }
    if (!stock.creatorMchid().equals(caller)) {
      throw new Rejected(403, "REQUEST_BLOCKED", "调用商户无权限");
    }
    if (!stock.creatorMchid().equals(creator)) {
      throw new Rejected(404, "RESOURCE_NOT_EXISTS", "批次不存在");
    }
    return stock;
  }

  private static Rejected illegalState(Stock stock, Instant now) {
    return Rejected.paramError(
        ILLEGAL_STATE,
        "stock_id",
        stock.id(),
        "stock is " + stock.status(now).wire(),
        "uri_template");
  }

  private static Instant queryTime(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw Rejected.queryParamError(name, value, "格式校验失败", "RFC 3339 time");
    }
  }

  record StockCollection(long totalCount, List<StockView> data, int limit, int offset) {}

  record IdCollection(long totalCount, List<String> data, int offset, int limit, String stockId) {}
}
