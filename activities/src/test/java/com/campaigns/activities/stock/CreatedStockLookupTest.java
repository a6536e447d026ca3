package com.campaigns.activities.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.activities.SandboxMerchantClients;
import com.campaigns.sandbox.Sandbox;
import com.campaigns.sandbox.unconfirmed.ListOffset;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.model.StockSpec;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stock an earlier try of a create made, found by its terms in the merchant's stock list. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreatedStockLookupTest {

  Sandbox sandbox;
  MerchantClient client;

  @BeforeAll
  void start() {
    sandbox = Sandbox.start();
    client = SandboxMerchantClients.client(sandbox, "1900000001");
  }

  @AfterAll
  void stop() {
    sandbox.close();
  }

  StockSpec stock(long coupons) {
    Instant begin = Instant.now().plus(Duration.ofHours(2));
    return CampaignSpecs.stock(begin, begin.plus(Duration.ofDays(2)), 100, coupons);
  }

  @Test
  void theStockWithTheRequestsTermsIsFoundAndOnlyThat() {
    StockSpec spec = stock(77);
    var sent = StockRequests.create("1900000001", "lookup-1", spec);
    String id = client.coupons().createCouponStock(sent).getStockId();
    client.coupons().createCouponStock(StockRequests.create("1900000001", "lookup-2", stock(78)));

    assertThat(CreatedStockLookup.find(client, sent, Instant.now()))
        .hasValueSatisfying(s -> assertThat(s.getStockId()).isEqualTo(id));
    var other = StockRequests.create("1900000001", "lookup-3", stock(79));
    assertThat(CreatedStockLookup.find(client, other, Instant.now())).isEmpty();
  }

  /** Whichever way WeChat Pay counts {@code offset}, an older stock three pages down is found. */
  @ParameterizedTest(name = "offset counting {0}")
  @EnumSource(ListOffset.class)
  void aStockPagesDownIsFoundWhateverOffsetCounts(ListOffset counting) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/unconfirmed"))
                    .header("Content-Type", "application/json")
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"list_offset\": \"" + counting + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    long base = 300 + 100L * counting.ordinal();
    var target = StockRequests.create("1900000001", "deep-" + counting, stock(base));
    String id = client.coupons().createCouponStock(target).getStockId();
    for (int i = 1; i <= 24; i++) {
      client
          .coupons()
          .createCouponStock(
              StockRequests.create("1900000001", "newer-" + counting + "-" + i, stock(base + i)));
    }
    assertThat(CreatedStockLookup.find(client, target, Instant.now()))
        .hasValueSatisfying(s -> assertThat(s.getStockId()).isEqualTo(id));
  }

  @Test
  void twoStocksWithTheSameTermsAreReportedNotGuessed() {
    StockSpec spec = stock(91);
    var first = StockRequests.create("1900000001", "twin-1", spec);
    client.coupons().createCouponStock(first);
    client.coupons().createCouponStock(StockRequests.create("1900000001", "twin-2", spec));
    assertThatThrownBy(() -> CreatedStockLookup.find(client, first, Instant.now()))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getOriginalMessage()).contains("2 stocks match its terms"));
  }
}
