package com.campaigns.sandbox.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Use and refund rows per stock, in the order they happened. */
@Component
public class FlowLedger {

  private final Map<String, List<UseRow>> uses = new ConcurrentHashMap<>();
  private final Map<String, List<RefundRow>> refunds = new ConcurrentHashMap<>();

  public void recordUse(UseRow row) {
    uses.computeIfAbsent(row.stockId(), k -> Collections.synchronizedList(new ArrayList<>()))
        .add(row);
  }

  public void recordRefund(RefundRow row) {
    refunds
        .computeIfAbsent(row.use().stockId(), k -> Collections.synchronizedList(new ArrayList<>()))
        .add(row);
  }

  List<UseRow> uses(String stockId) {
    return copy(uses.get(stockId));
  }

  List<RefundRow> refunds(String stockId) {
    return copy(refunds.get(stockId));
  }

  private static <T> List<T> copy(List<T> list) {
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return new ArrayList<>(list);
    }
  }
}
