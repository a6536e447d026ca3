package com.campaigns.sandbox.notify;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.merchant.Merchant;
import com.campaigns.sandbox.protocol.Caller;
import com.campaigns.sandbox.protocol.Rejected;
import com.campaigns.sandbox.unconfirmed.Unconfirmed;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST|GET /v3/marketing/favor/callbacks}. */
@RestController
record CallbackController(Callbacks callbacks, Unconfirmed unconfirmed) {

  @PostMapping("/v3/marketing/favor/callbacks")
  Updated set(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller,
      @RequestBody(required = false) SetBody body) {
    SetBody b = body == null ? new SetBody(null, null, null) : body;
    Callbacks.Callback callback =
        callbacks.set(caller.mchid(), b.mchid(), b.notifyUrl(), b.enabled());
    return new Updated(BusinessClock.format(callback.updateTime()), callback.notifyUrl());
  }

  /**
   * Without a URL set, answers as {@code sandbox.unconfirmed.unset-callback} says (what WeChat Pay
   * answers is unknown): {@code {"mchid": …}} alone, an empty URL, or 404.
   */
  @GetMapping("/v3/marketing/favor/callbacks")
  Current query(@RequestAttribute(Caller.ATTRIBUTE) Merchant caller, @RequestParam String mchid) {
    if (!mchid.equals(caller.mchid())) {
      throw new Rejected(403, "NO_AUTH", "无权限查询其他商户的回调地址");
    }
    String url = callbacks.find(mchid).map(Callbacks.Callback::notifyUrl).orElse(null);
    if (url == null) {
      switch (unconfirmed.unsetCallback()) {
        case EMPTY -> url = "";
        case NOT_FOUND -> throw new Rejected(404, "RESOURCE_NOT_EXISTS", "回调地址不存在");
        case NO_FIELD -> {}
      }
    }
    return new Current(url, mchid);
  }

  record SetBody(String mchid, String notifyUrl, @JsonProperty("switch") Boolean enabled) {}

  record Updated(String updateTime, String notifyUrl) {}

  record Current(String notifyUrl, String mchid) {}
}
