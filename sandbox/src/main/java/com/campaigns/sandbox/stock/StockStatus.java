package com.campaigns.sandbox.stock;

import com.fasterxml.jackson.annotation.JsonValue;

/** Stock states as WeChat Pay spells them, {@code stoped} included. */
public enum StockStatus {
  UNACTIVATED("unactivated"),
  RUNNING("running"),
  PAUSED("paused"),
  STOPED("stoped");

  private final String wire;

  StockStatus(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  public static StockStatus fromWire(String value) {
    for (StockStatus s : values()) {
      if (s.wire.equals(value)) {
        return s;
      }
    }
    return null;
  }
}
