package com.campaigns.worker.temporal;

import com.campaigns.worker.WorkerSettings;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code temporal} in /actuator/health: UP once the workers have started and the server answers.
 * The launcher waits for this before it starts the API, and reads the deployment version this
 * worker polls as ({@code deployment_version}, or {@code unversioned}) to make it current.
 */
@Component("temporal")
record TemporalHealthIndicator(
    WorkerFactory workers, WorkflowServiceStubs service, WorkerSettings settings)
    implements HealthIndicator {

  private String deploymentVersion() {
    return settings.versioning().enabled() ? settings.versioning().version() : "unversioned";
  }

  @Override
  public Health health() {
    if (!workers.isStarted() || workers.isShutdown()) {
      return Health.down()
          .withDetail("workers", workers.isShutdown() ? "shut down" : "not started")
          .withDetail("deployment_version", deploymentVersion())
          .build();
    }
    try {
      var info =
          service
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return Health.up()
          .withDetail("workers", "started")
          .withDetail("deployment_version", deploymentVersion())
          .withDetail(
              "server_version",
              info.getServerVersion().isEmpty() ? "unknown" : info.getServerVersion())
          .build();
    } catch (RuntimeException e) {
      return Health.down(e)
          .withDetail("workers", "started")
          .withDetail("deployment_version", deploymentVersion())
          .build();
    }
  }
}
