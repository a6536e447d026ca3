package com.campaigns.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of {@link ArchitectureRules} over the main classes of every module (test classes are
 * left out: tests may reach across modules, e.g. to run the sandbox in process).
 */
@AnalyzeClasses(packages = "com.campaigns", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule workflowsDependOnlyOnTemporalAndJackson =
      ArchitectureRules.WORKFLOWS_DEPEND_ONLY_ON_TEMPORAL_AND_JACKSON;

  @ArchTest
  static final ArchRule starterIsATemporalClientOnly =
      ArchitectureRules.STARTER_IS_A_TEMPORAL_CLIENT_ONLY;

  @ArchTest
  static final ArchRule activitiesDoNotDependOnTheApplications =
      ArchitectureRules.ACTIVITIES_DO_NOT_DEPEND_ON_THE_APPLICATIONS;

  @ArchTest
  static final ArchRule sharedModulesDependOnNoApplicationOrActivity =
      ArchitectureRules.SHARED_MODULES_DEPEND_ON_NO_APPLICATION_OR_ACTIVITY;

  @ArchTest
  static final ArchRule wechatpayAndCodecStandAlone =
      ArchitectureRules.WECHATPAY_AND_CODEC_STAND_ALONE;

  @ArchTest
  static final ArchRule sandboxDependsOnNoProductModule =
      ArchitectureRules.SANDBOX_DEPENDS_ON_NO_PRODUCT_MODULE;

  @ArchTest
  static final ArchRule noMainCodeDependsOnTheSandbox =
      ArchitectureRules.NO_MAIN_CODE_DEPENDS_ON_THE_SANDBOX;

  @ArchTest static final ArchRule noPackageCycles = ArchitectureRules.NO_PACKAGE_CYCLES;

  @ArchTest static final ArchRule workflowCodeDoesNoIo = ArchitectureRules.WORKFLOW_CODE_DOES_NO_IO;

  @ArchTest
  static final ArchRule workflowCodeReadsNoClock = ArchitectureRules.WORKFLOW_CODE_READS_NO_CLOCK;

  @ArchTest
  static final ArchRule workflowCodeStartsNoThread =
      ArchitectureRules.WORKFLOW_CODE_STARTS_NO_THREAD;

  @ArchTest
  static final ArchRule workflowCodeUsesNoRandomness =
      ArchitectureRules.WORKFLOW_CODE_USES_NO_RANDOMNESS;
}
