package com.campaigns.wechatpay;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** {@code /actuator/info}'s {@code crypto}: which provider signs and verifies, and why. */
final class NativeCryptoInfo implements InfoContributor {

  private final NativeCrypto.Status status;

  NativeCryptoInfo(NativeCrypto.Status status) {
    this.status = status;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> crypto = new LinkedHashMap<>();
    crypto.put("provider", status.provider());
    crypto.put("native", status.nativeProvider());
    if (status.reason() != null) {
      crypto.put("reason", status.reason());
    }
    builder.withDetail("crypto", crypto);
  }
}
