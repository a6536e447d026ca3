package com.campaigns.sandbox;

import com.campaigns.sandbox.clock.BusinessTimeSource;
import com.campaigns.sandbox.merchant.Merchants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A sandbox running inside the current JVM, for other modules' tests. Each instance is a separate
 * Spring context with its own port, merchants, stocks and clock; several can run side by side.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().businessClock(env::currentTimeMillis).build())) {
 *   String baseUrl = sandbox.baseUrl();                  // http://127.0.0.1:<port>
 *   SandboxMerchant m = sandbox.merchant("1900000001");
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final String baseUrl;
  private final int port;

  private Sandbox(ConfigurableApplicationContext context, String host) {
    this.context = context;
    this.port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    this.baseUrl = "http://" + host + ":" + port;
  }

  /** Starts a sandbox and waits until it accepts connections. */
  public static Sandbox start(SandboxOptions options) {
    SpringApplication application = new SpringApplication(SandboxApplication.class);
    Map<String, Object> defaults = new HashMap<>(SandboxApplication.BASE_PROPERTIES);
    defaults.put("spring.main.log-startup-info", "false");
    application.setDefaultProperties(defaults);
    application.setRegisterShutdownHook(false);
    // The host JVM owns logging; a sandbox must not reconfigure it.
    List<ApplicationListener<?>> listeners = new ArrayList<>(application.getListeners());
    listeners.removeIf(LoggingApplicationListener.class::isInstance);
    application.setListeners(listeners);
    if (options.businessClock() != null) {
      BusinessTimeSource source = options.businessClock()::getAsLong;
      application.addInitializers(
          context -> context.getBeanFactory().registerSingleton("businessTimeSource", source));
    }
    List<String> args = new ArrayList<>();
    args.add("--server.address=" + options.host());
    args.add("--server.port=" + options.port());
    if (options.dataDir() != null) {
      args.add("--sandbox.data-dir=" + options.dataDir().toAbsolutePath());
    }
    options.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
    return new Sandbox(application.run(args.toArray(String[]::new)), options.host());
  }

  /** Starts a sandbox with {@link SandboxOptions#defaults()}. */
  public static Sandbox start() {
    return start(SandboxOptions.defaults());
  }

  /** {@code http://<host>:<port>}, where the SDK's host rewrite should point. */
  public String baseUrl() {
    return baseUrl;
  }

  public int port() {
    return port;
  }

  /** The merchant's credentials; {@link IllegalArgumentException} if it is not provisioned. */
  public SandboxMerchant merchant(String mchid) {
    return context
        .getBean(Merchants.class)
        .find(mchid)
        .map(SandboxMerchant::of)
        .orElseThrow(() -> new IllegalArgumentException("no merchant " + mchid));
  }

  /** All provisioned merchants. */
  public List<SandboxMerchant> merchants() {
    return context.getBean(Merchants.class).all().stream().map(SandboxMerchant::of).toList();
  }

  /** Stops the server and releases everything the sandbox holds. */
  @Override
  public void close() {
    context.close();
  }
}
