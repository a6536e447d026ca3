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
            change.activationShortOfFunds() != null
                ? change.activationShortOfFunds()
                : current.activationShortOfFunds());
    return current;
  }

  public ShortOfFunds activationShortOfFunds() {
    return current.activationShortOfFunds();
  }

  /** The behaviours to change; null ones stay as they are. */
  public record Change(ShortOfFunds activationShortOfFunds) {}
}
