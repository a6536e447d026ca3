package com.campaigns.e2e.support;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/** The worker's Prometheus scrape, {@code /actuator/prometheus}. */
public final class Metrics {

  private Metrics() {}

  /**
   * Waits (the SDK reports every 10 s) until the scrape contains every fragment; a failure names
   * the missing fragments and the metric families that were there.
   */
  public static String awaitScrape(String workerUrl, String... fragments) {
    Http http = new Http(workerUrl);
    AtomicReference<String> body = new AtomicReference<>("");
    try {
      org.awaitility.Awaitility.await("metrics " + List.of(fragments))
          .atMost(Duration.ofSeconds(45))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () -> {
                body.set(http.getText("/actuator/prometheus").expect200Text());
                return List.of(fragments).stream().allMatch(body.get()::contains);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      List<String> missing =
          List.of(fragments).stream().filter(f -> !body.get().contains(f)).toList();
      TreeSet<String> families = new TreeSet<>();
      body.get()
          .lines()
          .filter(l -> !l.startsWith("#") && !l.isBlank())
          .forEach(l -> families.add(l.replaceAll("[{ ].*", "")));
      throw new AssertionError(
          "missing in "
              + workerUrl
              + "/actuator/prometheus: "
              + missing
              + "\nmetrics present: "
              + families,
          e);
    }
    return body.get();
  }
}
