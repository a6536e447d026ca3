package com.campaigns.activities.contract;

import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.MerchantDirectory;
import com.campaigns.wechatpay.MerchantSource;
import com.campaigns.wechatpay.WechatPayClientFactory;
import com.campaigns.wechatpay.WechatPayProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against the real WeChat Pay, with a merchant's own credentials: run by {@code
 * ./campaigns contract} only (its name is outside the test commands' patterns, as it needs the
 * merchant and the Internet). docs/deployment.md, "Check WeChat Pay's answers before the first
 * campaign".
 *
 * <p>Environment: {@code CAMPAIGNS_CONTRACT_MERCHANTS_DIR} (a merchants directory as the workers
 * read it) and {@code CAMPAIGNS_CONTRACT_MCHID}; with {@code CAMPAIGNS_CONTRACT_REAL_STOCK=true}
 * also {@code CAMPAIGNS_CONTRACT_APPID} and {@code CAMPAIGNS_CONTRACT_OPENIDS} (two or more of the
 * merchant's test users, comma-separated) for the tiny stock.
 */
class RealWechatPayContract extends WechatPayContract {

  MerchantClient merchant;
  boolean realStock;
  String appid;
  List<String> openids;

  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set (docs/deployment.md, the contract run)");
    }
    return value;
  }

  @BeforeAll
  void loadMerchant() {
    String mchid = env("CAMPAIGNS_CONTRACT_MCHID");
    WechatPayProperties properties =
        new WechatPayProperties(
            null, null, Duration.ofSeconds(5), Duration.ofSeconds(10), 100, List.of());
    MerchantSource source;
    try {
      source =
          new MerchantDirectory(Path.of(env("CAMPAIGNS_CONTRACT_MERCHANTS_DIR")), 100)
              .scan().stream()
                  .filter(s -> s.mchid().equals(mchid))
                  .findFirst()
                  .orElseThrow(() -> new IllegalStateException("no folder for merchant " + mchid));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (source.credentials() == null) {
      throw new IllegalStateException("merchant " + mchid + ": " + source.problems());
    }
    merchant = new WechatPayClientFactory(properties).build(source.credentials());
    realStock = "true".equals(System.getenv("CAMPAIGNS_CONTRACT_REAL_STOCK"));
    if (realStock) {
      appid = env("CAMPAIGNS_CONTRACT_APPID");
      openids =
          Arrays.stream(env("CAMPAIGNS_CONTRACT_OPENIDS").split(",")).map(String::trim).toList();
      if (openids.size() < 2) {
        throw new IllegalStateException("CAMPAIGNS_CONTRACT_OPENIDS needs two openids or more");
      }
    }
  }

  @Override
  protected Target target() {
    return new Target() {
      @Override
      public MerchantClient merchant() {
        return merchant;
      }

      @Override
      public String appid() {
        return appid;
      }

      @Override
      public List<String> openids() {
        return openids;
      }

      @Override
      public boolean realStock() {
        return realStock;
      }

      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public void waitUntil(Instant instant) {
        long millis = Duration.between(Instant.now(), instant).toMillis() + 1_000;
        if (millis > 0) {
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
      }

      @Override
      public String name() {
        return "wechatpay-" + merchant.mchid();
      }
    };
  }
}
