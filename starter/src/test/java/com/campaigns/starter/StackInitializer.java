package com.campaigns.starter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the application at the test stack before it starts: the shared sandbox (WeChat Pay and the
 * merchants' keys), an in-memory H2 ledger, a fresh audience directory, a token per role and a
 * codec key ({@link TestTokens}), and a port chosen up front, because the COUPON.USE callback URL
 * handed to the workflows must name it.
 */
class StackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String sandbox = TestSandbox.get().baseUrl();
    int port = freePort();
    Map<String, Object> p = new HashMap<>();
    p.put("server.port", port);
    p.put(
        "campaigns.workflow.notify-url",
        "http://127.0.0.1:" + port + "/wechatpay/notifications/coupon");
    // The sandbox delivers over http to this port: as in the local profile (the API refuses to
    // start with an http notify URL otherwise).
    p.put("campaigns.api.allow-http-notify-url-on-loopback", "true");
    p.put("campaigns.wechatpay.base-url", sandbox);
    p.put("campaigns.wechatpay.sandbox-admin-url", sandbox);
    p.put(
        "spring.datasource.url",
        "jdbc:h2:mem:starter-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    p.put("spring.datasource.username", "sa");
    p.put("spring.datasource.password", "");
    p.putAll(TestTokens.properties());
    // Plain http on loopback, as in the local profile: a Secure cookie would not come back.
    // ConsoleSessionIT's second replica keeps production's Secure cookie.
    p.put("server.servlet.session.cookie.secure", "false");
    // No campaigns.audiences.*: the API's default, audiences in this H2 ledger.
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-stack", p));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
