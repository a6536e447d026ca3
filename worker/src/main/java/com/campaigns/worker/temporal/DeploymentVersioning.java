package com.campaigns.worker.temporal;

import com.campaigns.worker.WorkerSettings;
import io.temporal.common.VersioningBehavior;
import io.temporal.common.WorkerDeploymentVersion;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerDeploymentOptions;
import io.temporal.worker.WorkerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the campaign worker a Worker Deployment version when {@code
 * campaigns.worker.versioning.enabled}.
 *
 * <p>Auto-upgrade, not pinned: a campaign lives for weeks, longer than any build should keep
 * running, so its runs move to the current version at their next workflow task, and the workflow's
 * changes are patched with {@code Workflow.getVersion} (workflows/README.md). The deployment still
 * gives ops a staged rollout: a new version polls but gets nothing until it is made current, can be
 * ramped, and rolled back by making the previous version current again.
 */
@Component
class DeploymentVersioning implements WorkerOptionsCustomizer {

  private static final Logger log = LoggerFactory.getLogger(DeploymentVersioning.class);

  private final WorkerSettings.Versioning versioning;

  DeploymentVersioning(WorkerSettings settings) {
    this.versioning = settings.versioning();
  }

  @Override
  public WorkerOptions.Builder customize(
      WorkerOptions.Builder options, String workerName, String taskQueue) {
    if (!versioning.enabled()) {
      log.info("Worker Versioning off: task queue {} is polled unversioned", taskQueue);
      return options;
    }
    log.info(
        "Worker Versioning on: task queue {} is polled as deployment version {} (auto-upgrade);"
            + " it gets work once it is current: temporal worker deployment set-current-version"
            + " --deployment-name {} --build-id {}",
        taskQueue,
        versioning.version(),
        versioning.deploymentName(),
        versioning.buildId());
    return options.setDeploymentOptions(
        WorkerDeploymentOptions.newBuilder()
            .setUseVersioning(true)
            .setVersion(
                new WorkerDeploymentVersion(versioning.deploymentName(), versioning.buildId()))
            .setDefaultVersioningBehavior(VersioningBehavior.AUTO_UPGRADE)
            .build());
  }
}
