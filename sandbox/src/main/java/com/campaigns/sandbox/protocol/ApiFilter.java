package com.campaigns.sandbox.protocol;

import com.campaigns.sandbox.crypto.Nonces;
import com.campaigns.sandbox.crypto.SigningKey;
import com.campaigns.sandbox.merchant.Merchant;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The APIv3 edge for every {@code /v3/*} request: classifies the endpoint, verifies the request
 * signature against the raw target and raw body, applies fault rules, runs the call, signs 2xx
 * answers (except the flow-file download, which WeChat Pay leaves unsigned) and counts outcomes.
 */
final class ApiFilter extends OncePerRequestFilter {

  private final RequestVerifier verifier;
  private final FaultHook faults;
  private final CallStats stats;
  private final ObjectMapper json;

  ApiFilter(RequestVerifier verifier, FaultHook faults, CallStats stats, ObjectMapper json) {
    this.verifier = verifier;
    this.faults = faults;
    this.stats = stats;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Request-ID", Nonces.hex(16));
    String method = request.getMethod();
    String path = request.getRequestURI(); // raw, as received: never decoded or normalised
    String query = request.getQueryString();
    String target = query == null ? path : path + "?" + query;
    Optional<Endpoint> classified = Endpoint.classify(method, path);
    if (classified.isEmpty()) {
      stats.record("unknown", 404, "NOT_FOUND", false);
      reject(response, new Rejected(404, "NOT_FOUND", "无效的请求URL或请求方法"));
      return;
    }
    Endpoint endpoint = classified.get();
    byte[] body = request.getInputStream().readAllBytes();
    Merchant caller;
    try {
      caller = verifier.verify(method, target, body, request.getHeader("Authorization"));
    } catch (Rejected rejected) {
      stats.record(endpoint.ruleName(), rejected.status(), rejected.code(), false);
      reject(response, rejected);
      return;
    }
    FaultHook.FaultDecision fault = faults.decide(endpoint);
    if (fault.latencyMillis() > 0) {
      sleep(fault.latencyMillis());
    }
    if (fault.error() != null) {
      stats.record(endpoint.ruleName(), fault.error().status(), fault.error().code(), false);
      reject(response, fault.error());
      return;
    }
    HttpServletRequest cached = new CachedBodyRequest(request, body);
    cached.setAttribute(Caller.ATTRIBUTE, caller);
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    chain.doFilter(cached, buffered);
    int status = buffered.getStatus();
    String code = (String) request.getAttribute(CallStats.CODE_ATTRIBUTE);
    if (fault.lateMillis() > 0) {
      sleep(fault.lateMillis());
    }
    if (fault.afterCommit() != null) {
      // The call took effect; the answer says it failed.
      stats.record(
          endpoint.ruleName(), fault.afterCommit().status(), fault.afterCommit().code(), false);
      buffered.resetBuffer();
      reject(buffered, fault.afterCommit());
      buffered.copyBodyToResponse();
      return;
    }
    if (fault.drop()) {
      request.setAttribute(ConnectionDropValve.DROP_ATTRIBUTE, Boolean.TRUE);
      stats.record(endpoint.ruleName(), status, code, true);
      return;
    }
    if (status >= 200 && status < 300 && endpoint != Endpoint.DOWNLOAD) {
      sign(buffered, caller.signerFor(request.getHeader("Wechatpay-Serial")));
    }
    // Counted before the answer leaves: a client reading the stats right after sees its call.
    stats.record(endpoint.ruleName(), status, code, false);
    buffered.copyBodyToResponse();
  }

  private static void sign(ContentCachingResponseWrapper response, SigningKey key) {
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    String nonce = Nonces.hex(16);
    response.setHeader("Wechatpay-Timestamp", timestamp);
    response.setHeader("Wechatpay-Nonce", nonce);
    response.setHeader(
        "Wechatpay-Signature", key.sign(timestamp, nonce, response.getContentAsByteArray()));
    response.setHeader("Wechatpay-Serial", key.serial());
  }

  private void reject(HttpServletResponse response, Rejected rejected) throws IOException {
    response.setStatus(rejected.status());
    response.setContentType("application/json; charset=utf-8");
    byte[] bytes = json.writeValueAsBytes(rejected.body());
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Hands the already-read body to Spring MVC. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous only");
        }
      };
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
