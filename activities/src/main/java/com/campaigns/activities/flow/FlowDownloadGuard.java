package com.campaigns.activities.flow;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * What a flow file download may do: follow only an https URL on WeChat Pay's API host (the answer
 * that names it is signed, but the worker must not fetch whatever a URL says, nor send it the
 * merchant's signature), and read at most {@link #MAX_BYTES}.
 */
final class FlowDownloadGuard {

  /** The host of WeChat Pay's API; the sandbox's client rewrites it, the URL still names it. */
  static final String WECHAT_PAY_HOST = "api.mch.weixin.qq.com";

  /**
   * The largest flow file read: 1 GiB, about three million rows, three times the largest campaign
   * measured (docs/benchmarks.md, 1M coupons).
   */
  static final long MAX_BYTES = 1L << 30;

  private FlowDownloadGuard() {}

  /** The URL, or a non-retryable FLOW_URL_REFUSED naming what is wrong with it. */
  static String checkedUrl(String url, String what) {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url);
    } catch (URISyntaxException e) {
      throw refused(what, "is not a URL");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      throw refused(what, "is not https");
    }
    if (!WECHAT_PAY_HOST.equalsIgnoreCase(uri.getHost()) || uri.getUserInfo() != null) {
      throw refused(what, "is not on " + WECHAT_PAY_HOST + " (host " + uri.getHost() + ")");
    }
    return url;
  }

  private static ApplicationFailure refused(String what, String why) {
    return ApplicationFailure.newNonRetryableFailure(
        what + ": the download URL WeChat Pay answered " + why + "; not followed",
        "FLOW_URL_REFUSED");
  }

  /** Copies at most {@code max} bytes; more is a non-retryable FLOW_TOO_LARGE. */
  static long copyCapped(InputStream in, OutputStream out, long max, String what)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > max) {
        throw ApplicationFailure.newNonRetryableFailure(
            what + ": the file is larger than " + max + " bytes; not read further",
            "FLOW_TOO_LARGE");
      }
      out.write(buffer, 0, n);
    }
    return total;
  }
}
