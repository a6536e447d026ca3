package com.campaigns.sandbox.notify;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.merchant.Merchant;
import com.campaigns.sandbox.protocol.Caller;
import com.campaigns.sandbox.protocol.Rejected;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST|GET /v3/marketing/favor/callbacks}. */
@RestController
record CallbackController(Callbacks callbacks) {

  @PostMapping("/v3/marketing/favor/callbacks")
  Updated set(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller,
      @RequestBody(required = false) SetBody body) {
    SetBody b = body == null ? new SetBody(null, null, null) : body;
    Callbacks.Callback callback =
        callbacks.set(caller.mchid(), b.mchid(), b.notifyUrl(), b.enabled());
    return new Updated(BusinessClock.format(callback.updateTime()), callback.notifyUrl());
  }

  /** Without a URL set, answers {@code {"mchid": …}} alone (what WeChat Pay answers is unknown). */
  @GetMapping("/v3/marketing/favor/callbacks")
  Current query(@RequestAttribute(Caller.ATTRIBUTE) Merchant caller, @RequestParam String mchid) {
    if (!mchid.equals(caller.mchid())) {
      throw new Rejected(403, "NO_AUTH", "无权限查询其他商户的回调地址");
    }
    return new Current(
        callbacks.find(mchid).map(Callbacks.Callback::notifyUrl).orElse(null), mchid);
  }

  record SetBody(String mchid, String notifyUrl, @JsonProperty("switch") Boolean enabled) {}

  record Updated(String updateTime, String notifyUrl) {}

  record Current(String notifyUrl, String mchid) {}
}
