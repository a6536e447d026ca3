package com.campaigns.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.wechatpay.WechatError.Kind;
import com.google.gson.JsonSyntaxException;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WechatErrorClassifierTest {

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "429|FREQUENCY_LIMITED|请求过于频繁|THROTTLED",
        "429|FREQUENCY_LIMIT_EXCEED|接口限频|THROTTLED",
        "400|INVALID_REQUEST|调用频率过高|THROTTLED",
        "500|SYSTEM_ERROR|系统繁忙,请稍后重试|TRANSIENT",
        "503|SERVICE_UNAVAILABLE||TRANSIENT",
        "403|RULE_LIMIT|用户已达最大领券次数|RECIPIENT_SUSPECT",
        "403|USER_ACCOUNT_ABNORMAL|用户非法|RECIPIENT",
        "403|USER_AL_GET_COUPON|超过自然人最大限领数|RECIPIENT",
        "400|INVALID_REQUEST|暂时无法领取,请联系商家处理|RECIPIENT",
        "400|INVALID_REQUEST|openid与appID不匹配|RECIPIENT",
        "403|REQUEST_BLOCKED|用户被限领拦截|RECIPIENT",
        "403|NOT_ENOUGH|发券超过单天限额|DAILY_LIMIT",
        "403|NOT_ENOUGH|批次预算不足|FATAL",
        "400|INVALID_REQUEST|活动已结束或未激活|STOCK_NOT_RUNNING",
        "400|PARAM_ERROR|非法的批次状态|STOCK_STATE",
        "400|PARAM_ERROR|参数错误,请核对文档要求|FATAL",
        "401|SIGN_ERROR|错误的签名,验签失败|FATAL",
        "403|NO_AUTH|无权限|FATAL",
        "403|REQUEST_BLOCKED|调用商户无权限|FATAL",
        "403|REQUEST_BLOCKED|参数错误，请检查批次参数|TRANSIENT",
        "400|APPID_MCHID_NOT_MATCH|appid和mch_id不匹配|FATAL",
        "404|RESOURCE_NOT_EXISTS|批次不存在|NOT_FOUND",
        "400|INVALID_REQUEST|卡包信息尚未注册完成，请稍后重试|TRANSIENT",
        "400|SOMETHING_NEW|?|UNKNOWN"
      })
  void errorCodesDecideNotExceptionClasses(int status, String code, String message, Kind kind) {
    assertThat(WechatErrorClassifier.classify(status, code, message).kind()).isEqualTo(kind);
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
    assertThat(WechatErrorClassifier.classify(500, null, null).kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(WechatErrorClassifier.classify(404, null, null).kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(WechatErrorClassifier.classify(400, null, null).kind()).isEqualTo(Kind.UNKNOWN);
  }
}
