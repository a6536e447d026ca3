package com.campaigns.e2e.upgrade.buildb;

import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Worker build B of the upgrade test: the shipped worker exec jar plus a jar of this class on
 * Spring Boot's {@code loader.path} ({@link com.campaigns.e2e.upgrade.BuildBJar}). Its workflow
 * code differs from build A's by one command at the start of every campaign run (it records the
 * build in the run's memo), the shape of any change that adds, removes or reorders a workflow
 * command. {@code build-b.guarded=true} puts the change behind {@code Workflow.getVersion}, as
 * workflows/README.md prescribes; {@code false} ships it unguarded, which must fail the replay of a
 * campaign that started on build A. ({@code --build-b.guarded} is a program argument of the
 * worker.)
 */
@AutoConfiguration
public class BuildB {

  /** The change id of the patch, as it would appear in workflows/README.md's table. */
  public static final String CHANGE_ID = "e2e-build-b-memo";

  public static final String MEMO_KEY = "deployed_change";

  @Bean
  Customizer buildBWorkflowChange(Environment environment) {
    return new Customizer(environment.getProperty("build-b.guarded", Boolean.class, false));
  }

  /** Adds the changed workflow code to every worker of the factory. */
  static final class Customizer implements TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> {
    private final boolean guarded;

    Customizer(boolean guarded) {
      this.guarded = guarded;
    }

    @Override
    public WorkerFactoryOptions.Builder customize(WorkerFactoryOptions.Builder options) {
      List<WorkerInterceptor> interceptors =
          new ArrayList<>(Arrays.asList(options.build().getWorkerInterceptors()));
      interceptors.add(new Change(guarded));
      return options.setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new));
    }
  }

  static final class Change extends WorkerInterceptorBase {
    private final boolean guarded;

    Change(boolean guarded) {
      this.guarded = guarded;
    }

    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
      return new WorkflowInboundCallsInterceptorBase(next) {
        @Override
        public WorkflowOutput execute(WorkflowInput input) {
          if (!guarded || Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1) {
            Workflow.upsertMemo(Map.of(MEMO_KEY, CHANGE_ID));
          }
          return super.execute(input);
        }
      };
    }
  }
}
