package com.campaigns.workflows.campaign;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A durable timer the workflow can abandon; its summary is what ops see in the Web UI. */
final class CancellableTimer {

  private final CancellationScope scope;
  private final Promise<Void> promise;

  private CancellableTimer(CancellationScope scope, Promise<Void> promise) {
    this.scope = scope;
    this.promise = promise;
  }

  static CancellableTimer start(Duration duration, String summary) {
    List<Promise<Void>> holder = new ArrayList<>(1);
    CancellationScope scope =
        Workflow.newCancellationScope(
            () ->
                holder.add(
                    Workflow.newTimer(
                        duration, TimerOptions.newBuilder().setSummary(summary).build())));
    scope.run();
    return new CancellableTimer(scope, holder.get(0));
  }

  boolean fired() {
    return promise.isCompleted();
  }

  void cancel() {
    scope.cancel();
  }

  /** Cancels the timer unless it has fired (a cancel of a fired timer is refused by the server). */
  void cancelUnlessFired() {
    if (!fired()) {
      cancel();
    }
  }
}
