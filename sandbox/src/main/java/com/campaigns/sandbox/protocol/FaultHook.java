package com.campaigns.sandbox.protocol;

/**
 * Asked once per authenticated APIv3 call whether to inject a fault (implemented by the fault
 * package).
 */
public interface FaultHook {

  FaultDecision decide(Endpoint endpoint);

  /**
   * What to do to one call.
   *
   * @param latencyMillis added before the call runs
   * @param error answered instead of running the call (null: run it)
   * @param drop run the call, then drop the connection without answering
   * @param afterCommit answered after the call ran, instead of its result (null: its result)
   * @param lateMillis added after the call ran, before the answer leaves
   */
  record FaultDecision(
      long latencyMillis, Rejected error, boolean drop, Rejected afterCommit, long lateMillis) {

    public static final FaultDecision NONE = new FaultDecision(0, null, false, null, 0);
  }
}
