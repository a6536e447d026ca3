package com.campaigns.wechatpay;

import java.io.IOException;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sends WeChat Pay's hosts to another base URL (the local sandbox). The request signature covers
 * only path, query and body, so rewriting scheme, host and port keeps it valid. Installed only when
 * a base URL is configured; production talks to api.mch.weixin.qq.com unchanged.
 */
final class HostRewriteInterceptor implements Interceptor {

  private static final Set<String> WECHAT_HOSTS =
      Set.of(
          "api.mch.weixin.qq.com",
          "api2.mch.weixin.qq.com",
          "apihk.mch.weixin.qq.com",
          "api2.wechatpay.cn");

  private final HttpUrl target;

  HostRewriteInterceptor(String baseUrl) {
    this.target = HttpUrl.get(baseUrl);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    HttpUrl url = chain.request().url();
    if (!WECHAT_HOSTS.contains(url.host())) {
      return chain.proceed(chain.request());
    }
    HttpUrl rewritten =
        url.newBuilder().scheme(target.scheme()).host(target.host()).port(target.port()).build();
    return chain.proceed(chain.request().newBuilder().url(rewritten).build());
  }
}
