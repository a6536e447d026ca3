package com.campaigns.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.codec.violations.a.Left;
import com.campaigns.codec.violations.b.Right;
import com.campaigns.ledger.violations.LedgerUsingTheSandbox;
import com.campaigns.starter.violations.StarterRunningAnActivity;
import com.campaigns.workflows.violations.DeterministicWorkflowCode;
import com.campaigns.workflows.violations.NondeterministicWorkflowCode;
import com.campaigns.workflows.violations.WorkflowCodeReadingTheLedger;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Each rule fails on a class planted in these test sources to break it (the architecture test
 * leaves test classes out, so the plants never reach it), and the determinism rules pass workflow
 * code that uses java.time values without reading the clock.
 */
class RulesCatchViolationsTest {

  private static JavaClasses classes(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  private static void fails(ArchRule rule, JavaClasses classes, String... evidence) {
    assertThatThrownBy(() -> rule.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(rule.getDescription())
        .satisfies(e -> assertThat(e.getMessage()).contains(evidence));
  }

  @Test
  void workflowCodeReadingTheClockFails() {
    fails(
        ArchitectureRules.WORKFLOW_CODE_READS_NO_CLOCK,
        classes(NondeterministicWorkflowCode.class),
        "System.currentTimeMillis()",
        "System.nanoTime()",
        "Instant.now()",
        "LocalDateTime.now()");
  }

  @Test
  void workflowCodeDoingIoFails() {
    fails(
        ArchitectureRules.WORKFLOW_CODE_DOES_NO_IO,
        classes(NondeterministicWorkflowCode.class),
        "java.io.File");
  }

  @Test
  void workflowCodeUsingThreadsFails() {
    fails(
        ArchitectureRules.WORKFLOW_CODE_STARTS_NO_THREAD,
        classes(NondeterministicWorkflowCode.class),
        "java.util.concurrent.Executors",
        "java.lang.Thread",
        "lock()");
  }

  @Test
  void workflowCodeUsingRandomnessFails() {
    fails(
        ArchitectureRules.WORKFLOW_CODE_USES_NO_RANDOMNESS,
        classes(NondeterministicWorkflowCode.class),
        "UUID.randomUUID()",
        "java.util.Random",
        "Math.random()");
  }

  @Test
  void workflowCodeDependingOnAnotherLibraryFails() {
    fails(
        ArchitectureRules.WORKFLOWS_DEPEND_ONLY_ON_TEMPORAL_AND_JACKSON,
        classes(WorkflowCodeReadingTheLedger.class),
        "com.campaigns.ledger.IssuanceLedger");
  }

  @Test
  void workflowCodeUsingTimeValuesPassesEveryDeterminismRule() {
    JavaClasses clean = classes(DeterministicWorkflowCode.class);
    for (ArchRule rule :
        new ArchRule[] {
          ArchitectureRules.WORKFLOW_CODE_READS_NO_CLOCK,
          ArchitectureRules.WORKFLOW_CODE_DOES_NO_IO,
          ArchitectureRules.WORKFLOW_CODE_STARTS_NO_THREAD,
          ArchitectureRules.WORKFLOW_CODE_USES_NO_RANDOMNESS,
          ArchitectureRules.WORKFLOWS_DEPEND_ONLY_ON_TEMPORAL_AND_JACKSON
        }) {
      assertThatCode(() -> rule.check(clean)).as(rule.getDescription()).doesNotThrowAnyException();
    }
  }

  @Test
  void starterUsingAnActivityImplementationOrAWorkerFails() {
    fails(
        ArchitectureRules.STARTER_IS_A_TEMPORAL_CLIENT_ONLY,
        classes(StarterRunningAnActivity.class),
        "IssuanceActivitiesImpl",
        "io.temporal.worker.WorkerFactory");
  }

  @Test
  void mainCodeUsingTheSandboxFails() {
    fails(
        ArchitectureRules.NO_MAIN_CODE_DEPENDS_ON_THE_SANDBOX,
        classes(LedgerUsingTheSandbox.class),
        "com.campaigns.sandbox.Sandbox");
  }

  @Test
  void aPackageCycleFails() {
    fails(ArchitectureRules.NO_PACKAGE_CYCLES, classes(Left.class, Right.class), "Cycle detected");
  }
}
