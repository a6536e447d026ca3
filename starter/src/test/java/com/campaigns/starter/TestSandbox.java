package com.campaigns.starter;

import com.campaigns.sandbox.Sandbox;
import com.campaigns.sandbox.SandboxOptions;
import java.util.function.LongSupplier;

/**
 * One embedded WeChat Pay sandbox for the whole test JVM. One only, because the SDK keeps platform
 * certificates per merchant id in a JVM-wide registry: two sandboxes with the same merchant ids
 * would overwrite each other's certificates. Its business clock follows the Temporal test
 * environment once the stack has one.
 */
public final class TestSandbox {

  private static volatile LongSupplier clock = System::currentTimeMillis;
  private static Sandbox sandbox;

  private TestSandbox() {}

  public static synchronized Sandbox get() {
    if (sandbox == null) {
      sandbox =
          Sandbox.start(
              SandboxOptions.builder()
                  .businessClock(() -> clock.getAsLong())
                  .property("sandbox.notify.allow-http-loopback", "true")
                  .property("sandbox.notify.retry-interval", "1s")
                  .property("sandbox.flow.ready", "after-end")
                  .build());
    }
    return sandbox;
  }

  /** Makes the sandbox's business time the given clock (the Temporal test environment's). */
  public static void followClock(LongSupplier epochMillis) {
    clock = epochMillis;
  }
}
