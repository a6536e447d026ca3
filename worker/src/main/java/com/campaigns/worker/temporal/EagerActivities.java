package com.campaigns.worker.temporal;

import com.campaigns.worker.WorkerSettings;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import org.springframework.stereotype.Component;

/**
 * Turns eager activity execution off unless {@code campaigns.worker.eager-activities=true}.
 *
 * <p>With it on (the SDK's default), the worker that completes a workflow task runs the activities
 * that task schedules itself: a campaign's IssueCoupons segments would all run on the worker that
 * happens to hold the campaign's workflow, and the other workers of the task queue would stay idle.
 * Segments run for seconds to hours, so the few milliseconds eager dispatch saves do not matter;
 * spreading them over every worker does.
 */
@Component
class EagerActivities implements WorkerOptionsCustomizer {

  private final boolean eager;

  EagerActivities(WorkerSettings settings) {
    this.eager = settings.eagerActivities();
  }

  @Override
  public WorkerOptions.Builder customize(
      WorkerOptions.Builder options, String workerName, String taskQueue) {
    return options.setDisableEagerExecution(!eager);
  }
}
