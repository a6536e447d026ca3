package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A stock's status at WeChat Pay, written as WeChat Pay spells it (lower case, {@code stoped} with
 * one p). A status the docs do not list reads as {@link #UNKNOWN} rather than failing the workflow.
 */
public enum StockStatus {
  UNACTIVATED("unactivated"),
  AUDIT("audit"),
  RUNNING("running"),
  PAUSED("paused"),
  STOPPED("stoped"),
  EXPIRED("expired"),
  UNKNOWN("unknown");

  private final String wechatName;

  StockStatus(String wechatName) {
    this.wechatName = wechatName;
  }

  @JsonValue
  public String wechatName() {
    return wechatName;
  }

  /** The status WeChat Pay (or an activity relaying it) named; null stays null. */
  @JsonCreator
  public static StockStatus of(String wechatName) {
    if (wechatName == null) {
      return null;
    }
    for (StockStatus s : values()) {
      if (s.wechatName.equals(wechatName)) {
        return s;
      }
    }
    return UNKNOWN;
  }

  @Override
  public String toString() {
    return wechatName;
  }
}
