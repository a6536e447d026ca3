package com.campaigns.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.wechatpay.WechatError.Kind;
import com.google.gson.JsonSyntaxException;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WechatErrorClassifierTest {

  /** Every (status, code) of the table with the kind it maps to. */
  private static final Object[][] TABLE = {
    {429, "FREQUENCY_LIMITED", Kind.THROTTLED},
    {429, "FREQUENCY_LIMIT_EXCEED", Kind.THROTTLED},
    {429, "RATE_LIMITED", Kind.THROTTLED},
    {429, "INVALID_REQUEST", Kind.THROTTLED},
    {500, "SYSTEM_ERROR", Kind.TRANSIENT},
    {503, "SERVICE_UNAVAILABLE", Kind.TRANSIENT},
    {502, "NOT_ENOUGH", Kind.TRANSIENT},
    {400, "FREQUENCY_LIMITED", Kind.THROTTLED},
    {400, "SYSTEM_ERROR", Kind.TRANSIENT},
    {403, "USER_ACCOUNT_ABNORMAL", Kind.RECIPIENT},
    {403, "USER_AL_GET_COUPON", Kind.RECIPIENT},
    {403, "RULE_LIMIT", Kind.RECIPIENT_SUSPECT},
    {400, "INVALID_REQUEST", Kind.STOCK_OR_RECIPIENT},
    {403, "REQUEST_BLOCKED", Kind.STOCK_OR_RECIPIENT},
    {403, "NOT_ENOUGH", Kind.STOCK_LIMIT},
    {400, "PARAM_ERROR", Kind.STOCK_OR_REQUEST},
    {404, "RESOURCE_NOT_EXISTS", Kind.NOT_FOUND},
    {404, "NOT_FOUND", Kind.NOT_FOUND},
    {401, "SIGN_ERROR", Kind.FATAL},
    {403, "NO_AUTH", Kind.FATAL},
    {400, "APPID_MCHID_NOT_MATCH", Kind.FATAL},
    {400, "MCH_NOT_EXISTS", Kind.FATAL},
    {400, "SOMETHING_NEW", Kind.UNKNOWN},
    {500, null, Kind.TRANSIENT},
    {404, null, Kind.NOT_FOUND},
    {400, null, Kind.UNKNOWN}
  };

  /**
   * Every message the classifier once read (and the answers they came from), plus text that means
   * nothing: none may change a kind.
   */
  private static final List<String> MESSAGES =
      List.of(
          "调用频率过高",
          "频率",
          "活动已结束或未激活",
          "未激活",
          "暂时无法领取,请联系商家处理",
          "openid与appID不匹配",
          "卡包信息尚未注册完成，请稍后重试",
          "稍后重试",
          "批次关联的用户包未导入完成,暂不允许激活",
          "发券超过单天限额",
          "单日发券已达上限",
          "批次预算不足",
          "用户被限领拦截",
          "参数错误，请检查批次参数",
          "调用商户无权限",
          "非法的批次状态",
          "系统繁忙,请稍后重试",
          "",
          "the daily limit was reached",
          "完全无关的文字");

  private static final String PUNCTUATION = ",.，。 _-";

  static Stream<Arguments> table() {
    return Arrays.stream(TABLE).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("table")
  void statusAndCodeDecide(int status, String code, Kind kind) {
    WechatError error = WechatErrorClassifier.classify(status, code, null);
    assertThat(error.kind()).isEqualTo(kind);
    assertThat(error.httpStatus()).isEqualTo(status);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("table")
  void theMessageNeverChangesTheKind(int status, String code, Kind kind) {
    Random random = new Random(31L * status + (code == null ? 0 : code.hashCode()));
    List<String> messages = new ArrayList<>(MESSAGES);
    for (int i = 0; i < 20; i++) {
      messages.add(randomText(random));
    }
    messages.add(null);
    for (String message : messages) {
      WechatError error = WechatErrorClassifier.classify(status, code, message);
      assertThat(error.kind()).as("%s %s %s", status, code, message).isEqualTo(kind);
      assertThat(error.message()).isEqualTo(message);
    }
  }

  @ParameterizedTest(name = "{0} -> reads the stock: {1}")
  @CsvSource({
    "INVALID_REQUEST,true",
    "REQUEST_BLOCKED,true",
    "NOT_ENOUGH,true",
    "PARAM_ERROR,true",
    "RULE_LIMIT,false",
    "USER_ACCOUNT_ABNORMAL,false",
    "SIGN_ERROR,false",
    "RESOURCE_NOT_EXISTS,false"
  })
  void theAmbiguousCodesAskForTheStocksFactsAndAreNotRetriedBlindly(String code, boolean reads) {
    Kind kind = WechatErrorClassifier.classify(400, code, "x").kind();
    assertThat(kind.readsStock()).isEqualTo(reads);
    if (reads) {
      assertThat(kind.retryable()).isFalse();
    }
  }

  @Test
  void transportFailuresAreRetryable() {
    assertThat(
            WechatErrorClassifier.classify(
                    new HttpException("send coupon", new java.io.IOException("reset")))
                .kind())
        .isEqualTo(Kind.TRANSIENT);
    assertThat(WechatErrorClassifier.classify(new JsonSyntaxException("<html>502</html>")).kind())
        .isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void unverifiableAnswersAreRetriedAsTheyMayHaveTakenEffect() {
    WechatError e = WechatErrorClassifier.classify(new ValidationException("bad signature"));
    assertThat(e.kind()).isEqualTo(Kind.UNVERIFIED);
    assertThat(e.kind().retryable()).isTrue();
  }

  @Test
  void anErrorWithoutBodyIsClassifiedByStatus() {
    assertThat(WechatErrorClassifier.classify(500, null, null).code()).isEqualTo("SYSTEM_ERROR");
    assertThat(WechatErrorClassifier.classify(400, null, null).code()).isEqualTo("HTTP_400");
  }

  /** Random text of CJK ideographs, ASCII letters and punctuation. */
  private static String randomText(Random random) {
    StringBuilder b = new StringBuilder();
    int length = 1 + random.nextInt(24);
    for (int i = 0; i < length; i++) {
      b.appendCodePoint(
          switch (random.nextInt(3)) {
            case 0 -> 0x4E00 + random.nextInt(0x9FA5 - 0x4E00);
            case 1 -> 'a' + random.nextInt(26);
            default -> PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
          });
    }
    return b.toString();
  }
}
