package com.campaigns.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.worker.WorkerSettings;
import io.temporal.common.VersioningBehavior;
import io.temporal.worker.WorkerDeploymentOptions;
import io.temporal.worker.WorkerOptions;
import org.junit.jupiter.api.Test;

class DeploymentVersioningTest {

  private static WorkerSettings settings(WorkerSettings.Versioning versioning) {
    return new WorkerSettings(
        false,
        false,
        new WorkerSettings.CampaignGauges(true, java.time.Duration.ofSeconds(10)),
        versioning);
  }

  @Test
  void onTheWorkerPollsAsItsDeploymentVersionWithAutoUpgrade() {
    var versioning = new WorkerSettings.Versioning(true, "campaigns-worker", "1.4.0");
    WorkerOptions options =
        new DeploymentVersioning(settings(versioning))
            .customize(WorkerOptions.newBuilder(), "campaigns", "campaigns")
            .build();

    WorkerDeploymentOptions deployment = options.getDeploymentOptions();
    assertThat(deployment.isUsingVersioning()).isTrue();
    assertThat(deployment.getVersion().getDeploymentName()).isEqualTo("campaigns-worker");
    assertThat(deployment.getVersion().getBuildId()).isEqualTo("1.4.0");
    assertThat(deployment.getDefaultVersioningBehavior())
        .isEqualTo(VersioningBehavior.AUTO_UPGRADE);
    assertThat(versioning.version()).isEqualTo("campaigns-worker:1.4.0");
  }

  @Test
  void offTheWorkerStaysUnversioned() {
    var versioning = new WorkerSettings.Versioning(false, "campaigns-worker", "unknown");
    WorkerOptions options =
        new DeploymentVersioning(settings(versioning))
            .customize(WorkerOptions.newBuilder(), "campaigns", "campaigns")
            .build();

    assertThat(options.getDeploymentOptions()).isNull();
  }

  @Test
  void onWithoutABuildIdOrDeploymentNameIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> new WorkerSettings.Versioning(true, "campaigns-worker", "unknown"))
        .hasMessageContaining("campaigns.worker.versioning.build-id");
    assertThatThrownBy(() -> new WorkerSettings.Versioning(true, " ", "1.4.0"))
        .hasMessageContaining("campaigns.worker.versioning.deployment-name");
  }
}
