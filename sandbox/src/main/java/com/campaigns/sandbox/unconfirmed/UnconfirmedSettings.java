package com.campaigns.sandbox.unconfirmed;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sandbox.unconfirmed.*}: the alternative the sandbox plays for each behaviour WeChat Pay's
 * documentation leaves open (docs/sandbox.md, "Unconfirmed behaviours"); {@code PUT
 * /sandbox/unconfirmed} changes them at run time.
 *
 * @param activationShortOfFunds the answer to activating a pre-funded stock whose budget the
 *     merchant's balance cannot cover; default {@code NOT_ENOUGH}
 * @param dailyCapRefusal the answer to a send once {@code max_amount_by_day} is reached; default
 *     {@code NOT_ENOUGH}
 * @param repeatedMove the answer to a stock move the stock has already made; default {@code
 *     EARLIER_TIME}
 * @param repeatedCreate the answer to a create repeated with the same number and body; default
 *     {@code SAME_STOCK}
 * @param unsetCallback the answer to a callback query when none is set; default {@code NO_FIELD}
 * @param listOffset what {@code offset} counts in the stock list; default {@code ROW}
 * @param emptyFlow the answer for a published flow file without rows; default {@code NOT_FOUND}
 */
@ConfigurationProperties("sandbox.unconfirmed")
public record UnconfirmedSettings(
    ShortOfFunds activationShortOfFunds,
    DailyCapRefusal dailyCapRefusal,
    RepeatedMove repeatedMove,
    RepeatedCreate repeatedCreate,
    UnsetCallback unsetCallback,
    ListOffset listOffset,
    EmptyFlow emptyFlow) {

  public UnconfirmedSettings {
    activationShortOfFunds =
        activationShortOfFunds == null ? ShortOfFunds.NOT_ENOUGH : activationShortOfFunds;
    dailyCapRefusal = dailyCapRefusal == null ? DailyCapRefusal.NOT_ENOUGH : dailyCapRefusal;
    repeatedMove = repeatedMove == null ? RepeatedMove.EARLIER_TIME : repeatedMove;
    repeatedCreate = repeatedCreate == null ? RepeatedCreate.SAME_STOCK : repeatedCreate;
    unsetCallback = unsetCallback == null ? UnsetCallback.NO_FIELD : unsetCallback;
    listOffset = listOffset == null ? ListOffset.ROW : listOffset;
    emptyFlow = emptyFlow == null ? EmptyFlow.NOT_FOUND : emptyFlow;
  }
}
