package com.campaigns.sandbox.unconfirmed;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sandbox.unconfirmed.*}: the alternative the sandbox plays for each behaviour WeChat Pay's
 * documentation leaves open (docs/sandbox.md, "Unconfirmed behaviours"); {@code PUT
 * /sandbox/unconfirmed} changes them at run time.
 *
 * @param activationShortOfFunds the answer to activating a pre-funded stock whose budget the
 *     merchant's balance cannot cover; default {@code NOT_ENOUGH}
 */
@ConfigurationProperties("sandbox.unconfirmed")
public record UnconfirmedSettings(ShortOfFunds activationShortOfFunds) {

  public UnconfirmedSettings {
    activationShortOfFunds =
        activationShortOfFunds == null ? ShortOfFunds.NOT_ENOUGH : activationShortOfFunds;
  }
}
