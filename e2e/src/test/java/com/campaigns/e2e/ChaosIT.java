package com.campaigns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.e2e.chaos.Chaos;
import com.campaigns.e2e.chaos.ChaosReport;
import com.campaigns.e2e.support.Stack;
import com.campaigns.e2e.support.StackExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault campaign (docs/reliability.md). The real-server suite runs the short version (5 runs, a
 * fixed seed); {@code ./campaigns chaos --runs N --seed S} runs this test alone with its sizes and
 * writes docs/reliability.md.
 */
@ExtendWith(StackExtension.class)
@Order(5)
class ChaosIT {

  @Test
  void randomizedCampaignsUnderFaultsIssueEveryCouponExactlyOnce(Stack stack) throws IOException {
    int runs = Integer.getInteger("chaos.runs", 5);
    long seed = Long.getLong("chaos.seed", 20261127L);
    int parallel = Integer.getInteger("chaos.parallel", 5);
    Path work = Path.of(System.getProperty("e2e.work", "target")).resolve("chaos");
    String report = System.getProperty("chaos.report", "");
    Path markdown =
        report.isBlank() || report.startsWith("${")
            ? work.resolve("reliability.md")
            : Path.of(report);

    Chaos chaos = new Chaos(stack, runs, seed, parallel);
    ChaosReport result = chaos.run();

    String command =
        "./campaigns chaos --runs " + runs + " --seed " + seed + " --parallel " + parallel;
    result.writeMarkdown(markdown, command);
    Files.createDirectories(work);
    Files.writeString(work.resolve("summary.txt"), result.table(), StandardCharsets.UTF_8);
    System.out.println(result.table());
    assertThat(result.failures()).as("runs failing a check").isEmpty();
    assertThat(result.duplicates()).as("duplicate coupons").isZero();
    assertThat(result.missing()).as("recipients without a coupon").isZero();
    assertThat(result.kindsNotHit()).as("kinds of disruption that hit no run").isEmpty();

    // The checks can fail: a duplicate sent outside the product and a deleted ledger row are seen.
    Chaos.CheckerProof proof = chaos.plantFaultsAndCheck();
    System.out.println("checker proof: " + proof);
    assertThat(proof.duplicates()).as("the planted duplicate").isEqualTo(1);
    assertThat(proof.missing()).as("recipients without a coupon in the sandbox").isZero();
    assertThat(proof.problems())
        .as("the deleted ledger row of " + proof.removedOpenid())
        .anyMatch(p -> p.startsWith("ledger ≠ sandbox") && p.contains("wave 0"));
  }
}
