package com.campaigns.sandbox.unconfirmed;

import org.springframework.stereotype.Component;

/**
 * The alternatives in play now: the settings at start, changed by {@code PUT /sandbox/unconfirmed}.
 */
@Component
public class Unconfirmed {

  private volatile UnconfirmedSettings current;

  public Unconfirmed(UnconfirmedSettings settings) {
    this.current = settings;
  }

  public UnconfirmedSettings current() {
    return current;
  }

  /** Replaces the choices named in {@code change}; the others stay. */
  public synchronized UnconfirmedSettings change(Change change) {
    current =
        new UnconfirmedSettings(
            or(change.activationShortOfFunds(), current.activationShortOfFunds()),
            or(change.dailyCapRefusal(), current.dailyCapRefusal()),
            or(change.repeatedMove(), current.repeatedMove()),
            or(change.repeatedCreate(), current.repeatedCreate()),
            or(change.unsetCallback(), current.unsetCallback()),
            or(change.listOffset(), current.listOffset()),
            or(change.emptyFlow(), current.emptyFlow()));
    return current;
  }

  public ShortOfFunds activationShortOfFunds() {
    return current.activationShortOfFunds();
  }

  public DailyCapRefusal dailyCapRefusal() {
    return current.dailyCapRefusal();
  }

  public RepeatedMove repeatedMove() {
    return current.repeatedMove();
  }

  public RepeatedCreate repeatedCreate() {
    return current.repeatedCreate();
  }

  public UnsetCallback unsetCallback() {
    return current.unsetCallback();
  }

  public ListOffset listOffset() {
    return current.listOffset();
  }

  public EmptyFlow emptyFlow() {
    return current.emptyFlow();
  }

  private static <T> T or(T changed, T kept) {
    return changed != null ? changed : kept;
  }

  /** The behaviours to change; null ones stay as they are. */
  public record Change(
      ShortOfFunds activationShortOfFunds,
      DailyCapRefusal dailyCapRefusal,
      RepeatedMove repeatedMove,
      RepeatedCreate repeatedCreate,
      UnsetCallback unsetCallback,
      ListOffset listOffset,
      EmptyFlow emptyFlow) {}
}
