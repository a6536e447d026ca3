package com.campaigns.sandbox.stock;

import static com.campaigns.sandbox.stock.StockStatus.PAUSED;
import static com.campaigns.sandbox.stock.StockStatus.RUNNING;
import static com.campaigns.sandbox.stock.StockStatus.STOPED;
import static com.campaigns.sandbox.stock.StockStatus.UNACTIVATED;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The moves of a stock's state machine (unactivated → running ⇄ paused → stoped), one per WeChat
 * Pay endpoint {@code POST /v3/marketing/favor/stocks/{stock_id}/start|pause|restart|stop}: the
 * state a move enters and the states it may leave.
 */
enum StockMove {
  START(RUNNING, UNACTIVATED),
  PAUSE(PAUSED, RUNNING),
  RESTART(RUNNING, PAUSED),
  STOP(STOPED, UNACTIVATED, RUNNING, PAUSED);

  private final StockStatus to;
  private final Set<StockStatus> from;

  StockMove(StockStatus to, StockStatus first, StockStatus... rest) {
    this.to = to;
    this.from = EnumSet.of(first, rest);
  }

  StockStatus to() {
    return to;
  }

  boolean leaves(StockStatus status) {
    return from.contains(status);
  }

  /**
   * The endpoint's last path segment, e.g. {@code start}; its answer names the time {@code
   * start_time}.
   */
  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static StockMove fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
