package com.campaigns.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The module edges of style-by-example §7 rule 1 and the determinism of workflow code (rule 17),
 * stated over packages: each module has one base package, {@code com.campaigns.<module>}.
 *
 * <pre>
 *   workflows                      Temporal SDK, Jackson, SLF4J, the JDK
 *   codec, wechatpay               no module of ours
 *   ledger                         workflows (the records it stores)
 *   activities                     workflows, ledger, wechatpay
 *   worker                         activities, ledger, wechatpay, codec
 *   starter                        workflows, ledger, wechatpay, codec: a Temporal client only
 *   sandbox                        no module of ours, and no main code of ours uses it
 * </pre>
 */
final class ArchitectureRules {

  private ArchitectureRules() {}

  static final String WORKFLOWS = "com.campaigns.workflows..";
  static final String ACTIVITIES = "com.campaigns.activities..";
  static final String WORKER = "com.campaigns.worker..";
  static final String STARTER = "com.campaigns.starter..";
  static final String SANDBOX = "com.campaigns.sandbox..";
  static final String LEDGER = "com.campaigns.ledger..";
  static final String WECHATPAY = "com.campaigns.wechatpay..";
  static final String CODEC = "com.campaigns.codec..";

  /** Every module's base package, for the cycle rule. */
  static final Set<String> MODULES =
      Set.of(
          "workflows",
          "codec",
          "wechatpay",
          "ledger",
          "activities",
          "worker",
          "starter",
          "sandbox",
          "cli");

  // ---- Module edges (rule 1) ----

  static final ArchRule WORKFLOWS_DEPEND_ONLY_ON_TEMPORAL_AND_JACKSON =
      classes()
          .that()
          .resideInAPackage(WORKFLOWS)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              WORKFLOWS, "io.temporal..", "com.fasterxml.jackson..", "org.slf4j..", "java..", "")
          .as("workflows depends only on the Temporal SDK, Jackson, SLF4J and the JDK");

  static final ArchRule STARTER_IS_A_TEMPORAL_CLIENT_ONLY =
      noClasses()
          .that()
          .resideInAPackage(STARTER)
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(ACTIVITIES, WORKER, "io.temporal.worker..")
                  .or(
                      belongToAnyOf(
                          io.temporal.spring.boot.ActivityImpl.class,
                          io.temporal.spring.boot.WorkflowImpl.class))
                  .or(implementationOfAWorkflowOrActivityInterface()))
          .as("starter depends on no workflow or activity implementation and registers no worker");

  static final ArchRule ACTIVITIES_DO_NOT_DEPEND_ON_THE_APPLICATIONS =
      noClasses()
          .that()
          .resideInAPackage(ACTIVITIES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(STARTER, WORKER)
          .as("activities depend on neither starter nor worker");

  static final ArchRule SHARED_MODULES_DEPEND_ON_NO_APPLICATION_OR_ACTIVITY =
      noClasses()
          .that()
          .resideInAnyPackage(LEDGER, WECHATPAY, CODEC)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ACTIVITIES, STARTER, WORKER)
          .as(
              "ledger, wechatpay and codec depend on no activity implementation and on neither application");

  static final ArchRule WECHATPAY_AND_CODEC_STAND_ALONE =
      noClasses()
          .that()
          .resideInAnyPackage(WECHATPAY, CODEC)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(WORKFLOWS, LEDGER)
          .as("wechatpay and codec depend on no module of ours");

  static final ArchRule SANDBOX_DEPENDS_ON_NO_PRODUCT_MODULE =
      noClasses()
          .that()
          .resideInAPackage(SANDBOX)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              WORKFLOWS,
              ACTIVITIES,
              WORKER,
              STARTER,
              LEDGER,
              WECHATPAY,
              CODEC,
              "com.campaigns.cli..")
          .as("sandbox depends on no product module");

  static final ArchRule NO_MAIN_CODE_DEPENDS_ON_THE_SANDBOX =
      noClasses()
          .that()
          .resideOutsideOfPackage(SANDBOX)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SANDBOX)
          .as("no product main code depends on the sandbox (tests may)");

  /**
   * Every package is a slice, so a cycle inside a module fails as well as one between modules. One
   * kind of edge is left out: the picocli root command names its subcommands in its annotation
   * while they use its shared HTTP client: wiring, not coupling.
   */
  static final ArchRule NO_PACKAGE_CYCLES =
      slices()
          .matching("com.campaigns.(**)")
          .should()
          .beFreeOfCycles()
          .ignoreDependency(
              JavaClass.Predicates.type(com.campaigns.cli.CampaignsCli.class),
              resideInAPackage("com.campaigns.cli.*"))
          .as("no package cycles (inside a module or between modules)");

  // ---- Workflow code is deterministic (rule 17) ----

  private static final String IN_WORKFLOW_CODE = "workflow code (" + WORKFLOWS + ")";

  static final ArchRule WORKFLOW_CODE_DOES_NO_IO =
      noClasses()
          .that()
          .resideInAPackage(WORKFLOWS)
          .should()
          .dependOnClassesThat(
              resideInAPackage("java.io..")
                  .and(
                      not(
                          belongToAnyOf(
                              Serializable.class, IOException.class, UncheckedIOException.class))))
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.net..", "java.nio.file..", "java.nio.channels..", "java.sql..", "javax.sql..")
          .as(IN_WORKFLOW_CODE + " does no I/O: no files, streams, sockets, URLs or JDBC");

  static final ArchRule WORKFLOW_CODE_READS_NO_CLOCK =
      noClasses()
          .that()
          .resideInAPackage(WORKFLOWS)
          .should()
          .callMethodWhere(call("java.lang.System", "currentTimeMillis", "nanoTime"))
          .orShould()
          .callMethodWhere(clockNow())
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(java.time.Clock.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(java.time.InstantSource.class)
          .as(
              IN_WORKFLOW_CODE
                  + " reads no clock (System.currentTimeMillis/nanoTime, java.time now(), Clock);"
                  + " Workflow.currentTimeMillis() is the workflow's clock");

  static final ArchRule WORKFLOW_CODE_STARTS_NO_THREAD =
      CompositeArchRule.of(
              noClasses()
                  .that()
                  .resideInAPackage(WORKFLOWS)
                  .should()
                  .dependOnClassesThat()
                  .resideInAnyPackage("java.util.concurrent..")
                  .orShould()
                  .dependOnClassesThat()
                  .areAssignableTo(Thread.class)
                  .orShould()
                  .dependOnClassesThat()
                  .areAssignableTo(ThreadGroup.class)
                  .orShould()
                  .dependOnClassesThat()
                  .areAssignableTo(ThreadLocal.class))
          .and(
              methods()
                  .that()
                  .areDeclaredInClassesThat()
                  .resideInAPackage(WORKFLOWS)
                  .should()
                  .notHaveModifier(JavaModifier.SYNCHRONIZED))
          .as(
              IN_WORKFLOW_CODE
                  + " uses no threads: no Thread, ThreadLocal, executors, locks, atomics or"
                  + " synchronized methods; Workflow.sleep, Async and Promise are the workflow's");

  static final ArchRule WORKFLOW_CODE_USES_NO_RANDOMNESS =
      noClasses()
          .that()
          .resideInAPackage(WORKFLOWS)
          .should()
          .dependOnClassesThat()
          .areAssignableTo(java.util.Random.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(java.util.SplittableRandom.class)
          .orShould()
          .callMethodWhere(call("java.util.UUID", "randomUUID"))
          .orShould()
          .callMethodWhere(call("java.lang.Math", "random"))
          .orShould()
          .callMethodWhere(call("java.lang.StrictMath", "random"))
          .as(
              IN_WORKFLOW_CODE
                  + " uses no randomness (Random, UUID.randomUUID, Math.random);"
                  + " Workflow.newRandom and Workflow.randomUUID are the workflow's");

  /** A call of one of {@code methods} on {@code owner}. */
  static DescribedPredicate<JavaMethodCall> call(String owner, String... methods) {
    Set<String> names = Set.of(methods);
    return DescribedPredicate.describe(
        owner + "." + String.join("/", methods) + "()",
        c -> c.getTargetOwner().getName().equals(owner) && names.contains(c.getName()));
  }

  /**
   * {@code now()} of any java.time type ({@code Instant.now()}, {@code LocalDateTime.now(zone)},
   * …).
   */
  static DescribedPredicate<JavaMethodCall> clockNow() {
    return DescribedPredicate.describe(
        "java.time *.now()",
        c -> c.getTargetOwner().getPackageName().equals("java.time") && c.getName().equals("now"));
  }

  /** A class implementing one of the workflow or activity interfaces of module workflows. */
  static DescribedPredicate<JavaClass> implementationOfAWorkflowOrActivityInterface() {
    return DescribedPredicate.describe(
        "an implementation of a workflow or activity interface",
        c ->
            !c.isInterface()
                && c.getAllRawInterfaces().stream()
                    .anyMatch(
                        i ->
                            i.getPackageName().startsWith("com.campaigns.workflows")
                                && (i.isAnnotatedWith(io.temporal.workflow.WorkflowInterface.class)
                                    || i.isAnnotatedWith(
                                        io.temporal.activity.ActivityInterface.class))));
  }
}
