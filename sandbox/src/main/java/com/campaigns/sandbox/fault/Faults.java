package com.campaigns.sandbox.fault;

import com.campaigns.sandbox.protocol.Endpoint;
import com.campaigns.sandbox.protocol.FaultHook;
import com.campaigns.sandbox.protocol.Rejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * The active fault rules. For each call the first rule that applies and has not retired decides,
 * with one draw from a seeded generator, so a sequential test replays the same faults. With no
 * rules the hot path takes no lock.
 */
@Component
public class Faults implements FaultHook {

  private volatile List<ActiveRule> rules = List.of();
  private Random random = new Random(0);
  private long seed;

  /** Replaces every rule and reseeds the generator. */
  public synchronized void replace(List<FaultRule> newRules, Long newSeed) {
    seed = newSeed == null ? System.nanoTime() : newSeed;
    random = new Random(seed);
    List<ActiveRule> active = new ArrayList<>();
    newRules.forEach(r -> active.add(new ActiveRule(r)));
    rules = List.copyOf(active);
  }

  public synchronized void clear() {
    rules = List.of();
  }

  /** Rules with how many faults each has injected. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(seed, rules.stream().map(r -> new RuleState(r.rule, r.injected)).toList());
  }

  @Override
  public FaultDecision decide(Endpoint endpoint) {
    if (rules.isEmpty()) {
      return FaultDecision.NONE;
    }
    synchronized (this) {
      for (ActiveRule active : rules) {
        FaultRule rule = active.rule;
        if (!rule.appliesTo(endpoint)
            || rule.maxCount() != null && active.injected >= rule.maxCount()) {
          continue;
        }
        double draw = random.nextDouble();
        Rejected error = null;
        boolean drop = false;
        Rejected afterCommit = null;
        double errors = rule.errorRate();
        double throttles = errors + rule.throttleRate();
        double drops = throttles + rule.dropRate();
        if (draw < errors) {
          error = new Rejected(rule.errorStatus(), rule.errorCode(), rule.errorMessage());
        } else if (draw < throttles) {
          error = new Rejected(429, "FREQUENCY_LIMITED", "请求过于频繁");
        } else if (draw < drops) {
          drop = true;
        } else if (draw < drops + rule.commitErrorRate()) {
          afterCommit = new Rejected(rule.errorStatus(), rule.errorCode(), rule.errorMessage());
        }
        if (error != null
            || drop
            || afterCommit != null
            || rule.latencyMs() > 0
            || rule.lateMs() > 0) {
          active.injected++;
        }
        return new FaultDecision(rule.latencyMs(), error, drop, afterCommit, rule.lateMs());
      }
      return FaultDecision.NONE;
    }
  }

  private static final class ActiveRule {
    private final FaultRule rule;
    private int injected;

    ActiveRule(FaultRule rule) {
      this.rule = rule;
    }
  }

  public record Snapshot(long seed, List<RuleState> rules) {}

  public record RuleState(FaultRule rule, int injected) {}
}
