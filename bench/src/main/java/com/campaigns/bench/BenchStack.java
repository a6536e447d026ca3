package com.campaigns.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The product as it ships, started for one bench run under {@code <work>/}: the Temporal dev
 * server, the sandbox, one or two workers and two API instances (one with the default workflow
 * settings, one with small segments for the rate waves), all on free ports. The ledger is an H2
 * database in its own server process ({@code org.h2.tools.Server -tcp}, the H2 jar the worker ships
 * with), as a production ledger is a database server: the worker's heap and CPU are the worker's
 * own, and the database's are measured as the {@code ledger} process.
 */
final class BenchStack implements AutoCloseable {

  static final String VERSION = "0.1.0-SNAPSHOT";
  static final String MCHID = "1900000001";
  static final String APPID = "wx0000000000000001";

  /** The ceilings of the sandbox and of the merchant, far above what two cores can send. */
  static final int NO_LIMIT = 100_000;

  /**
   * Recipients per IssueCoupons activity in the rate waves, so that two workers share every wave.
   */
  static final int RATE_SEGMENT_SIZE = 500;

  static final String WORKER_JVM = "-Xmx1g -XX:+UseSerialGC";

  /** The collector of -XX:+UseSerialGC that System.gc() runs. */
  static final String FULL_COLLECTOR = "MarkSweepCompact";

  static final String OTHER_JVM = "-Xmx1g";
  private static final Duration STARTUP = Duration.ofSeconds(300);

  private final Path root;
  private final Path work;
  private final Path logs;
  private final Path temporalCli;
  private final int concurrency;

  /** Ports of the dev server's frontend, the sandbox, the API and the rate waves' API. */
  private final int[] ports = {
    Proc.freePort(), Proc.freePort(), Proc.freePort(), Proc.freePort(), Proc.freePort()
  };

  private final int temporalPort = ports[0];
  private final int sandboxPort = ports[1];
  private final int apiPort = ports[2];
  private final int rateApiPort = ports[3];
  private final int ledgerPort = ports[4];
  private Proc ledger;
  private final String token = randomToken();
  private final String ledgerUrl;
  private final List<Worker> workers = new ArrayList<>();
  private Proc temporal;
  private Proc sandbox;
  private Proc api;
  private Proc rateApi;

  /** One worker process and its JMX connection (heap after GC). */
  record Worker(Proc proc, int port, int jmxPort) {
    String url() {
      return "http://127.0.0.1:" + port;
    }
  }

  BenchStack(Path root, Path work, Path temporalCli, int concurrency) {
    this.root = root;
    this.work = work;
    this.logs = work.resolve("logs");
    this.temporalCli = temporalCli;
    this.concurrency = concurrency;
    this.ledgerUrl =
        "jdbc:h2:tcp://127.0.0.1:"
            + ledgerPort
            + "/ledger"
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }

  void start() {
    try {
      Files.createDirectories(work.resolve("audiences"));
      // Run copies, so that a build during a long run cannot replace a jar under a running JVM.
      Files.createDirectories(work.resolve("jars"));
      for (String module : List.of("sandbox", "worker", "starter")) {
        Files.copy(
            root.resolve(module).resolve("target").resolve(jarName(module)),
            work.resolve("jars").resolve(jarName(module)),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> dev =
        new ArrayList<>(
            List.of(
                temporalCli.toString(),
                "server",
                "start-dev",
                "--db-filename",
                work.resolve("temporal.db").toString(),
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(temporalPort),
                "--ui-port",
                String.valueOf(Proc.freePort()),
                "--http-port",
                String.valueOf(Proc.freePort()),
                "--metrics-port",
                String.valueOf(Proc.freePort()),
                "--ui-disable-news-fetch",
                "--log-level",
                "warn"));
    for (String attribute : List.of("CampaignId", "CampaignStatus", "StockId", "Mchid")) {
      dev.addAll(List.of("--search-attribute", attribute + "=Keyword"));
    }
    temporal = Proc.start("temporal", dev, work, logs);
    ledger =
        Proc.start(
            "ledger",
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                h2Jar().toString(),
                "org.h2.tools.Server",
                "-tcp",
                "-tcpPort",
                String.valueOf(ledgerPort),
                "-ifNotExists",
                "-baseDir",
                work.resolve("db").toString()),
            work,
            logs);
    ledger.awaitReady(STARTUP, () -> Proc.listening(ledgerPort));
    sandbox =
        Proc.start(
            "sandbox",
            java(
                "sandbox",
                "-Xmx3g",
                "--server.port=" + sandboxPort,
                "--sandbox.data-dir=" + work.resolve("sandbox"),
                "--sandbox.limits.send-rate-per-second=" + NO_LIMIT,
                "--sandbox.notify.allow-http-loopback=true",
                "--sandbox.flow.ready=after-end"),
            work,
            logs);
    temporal.awaitReady(STARTUP, this::temporalReady);
    sandbox.awaitReady(STARTUP, () -> sandboxAdmin().ok("/sandbox/merchants"));
    addWorker();
    api = Proc.start("api", java("starter", OTHER_JVM, apiArgs(apiPort, List.of())), work, logs);
    rateApi =
        Proc.start(
            "api-rate",
            java(
                "starter",
                OTHER_JVM,
                apiArgs(
                    rateApiPort,
                    List.of("--campaigns.workflow.segment-size=" + RATE_SEGMENT_SIZE))),
            work,
            logs);
    api.awaitReady(STARTUP, () -> new Http(apiUrl(), null).ok("/actuator/health"));
    rateApi.awaitReady(STARTUP, () -> new Http(rateApiUrl(), null).ok("/actuator/health"));
  }

  /** Starts one more worker on the task queue and waits until its health is UP. */
  Worker addWorker() {
    int port = Proc.freePort();
    int jmx = Proc.freePort();
    List<String> args = new ArrayList<>(common());
    args.addAll(
        List.of(
            "--server.port=" + port,
            "--campaigns.issuance.concurrency-per-segment=" + Math.max(1, concurrency / 2),
            "--campaigns.issuance.sender-threads=" + Math.max(64, concurrency)));
    String jvm =
        WORKER_JVM
            + " -Dcom.sun.management.jmxremote.port="
            + jmx
            + " -Dcom.sun.management.jmxremote.rmi.port="
            + jmx
            + " -Dcom.sun.management.jmxremote.host=127.0.0.1"
            + " -Djava.rmi.server.hostname=127.0.0.1 -Dcom.sun.management.jmxremote.authenticate=false"
            + " -Dcom.sun.management.jmxremote.ssl=false";
    String name = workers.isEmpty() ? "worker" : "worker-" + (workers.size() + 1);
    Proc proc = Proc.start(name, java("worker", jvm, args.toArray(String[]::new)), work, logs);
    Worker w = new Worker(proc, port, jmx);
    proc.awaitReady(
        STARTUP, () -> new Http(w.url(), null).text("/actuator/health").contains("\"UP\""));
    workers.add(w);
    return w;
  }

  void stopWorker(Worker w) {
    w.proc().stop(Duration.ofSeconds(30));
    workers.remove(w);
  }

  List<Worker> workers() {
    return List.copyOf(workers);
  }

  /**
   * Forces a full GC in the worker and answers the heap it left in use (bytes), as the collector
   * reports it ({@code LastGcInfo.memoryUsageAfterGc} of the heap pools). Reading the used heap
   * afterwards instead would add whatever the worker allocated in between, at ~1 000 sends/s
   * megabytes.
   */
  long heapAfterGc(Worker w) {
    JMXServiceURL url;
    try {
      url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + w.jmxPort() + "/jmxrmi");
      try (JMXConnector c = JMXConnectorFactory.connect(url)) {
        javax.management.MBeanServerConnection conn = c.getMBeanServerConnection();
        MemoryMXBean memory =
            ManagementFactory.newPlatformMXBeanProxy(
                conn, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        memory.gc();
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (java.lang.management.MemoryPoolMXBean pool :
            ManagementFactory.getPlatformMXBeans(
                conn, java.lang.management.MemoryPoolMXBean.class)) {
          if (pool.getType() == java.lang.management.MemoryType.HEAP) {
            heapPools.add(pool.getName());
          }
        }
        // The full collector (MarkSweepCompact under -XX:+UseSerialGC) ran last: System.gc() is a
        // full GC.
        long best = -1;
        for (com.sun.management.GarbageCollectorMXBean gc :
            ManagementFactory.getPlatformMXBeans(
                conn, com.sun.management.GarbageCollectorMXBean.class)) {
          com.sun.management.GcInfo info = gc.getLastGcInfo();
          if (info == null || !gc.getName().equals(FULL_COLLECTOR)) {
            continue;
          }
          best =
              info.getMemoryUsageAfterGc().entrySet().stream()
                  .filter(e -> heapPools.contains(e.getKey()))
                  .mapToLong(e -> e.getValue().getUsed())
                  .sum();
        }
        if (best < 0) {
          throw new IllegalStateException(
              "no " + FULL_COLLECTOR + " collection reported by " + w.proc().name());
        }
        return best;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("JMX of " + w.proc().name(), e);
    }
  }

  /** {@code jcmd <pid> <command...>} of the JDK running the bench. */
  String jcmd(Worker w, String... command) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(w.proc().pid())));
    cmd.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** CPU time used so far by each process of the stack (and the bench's own JVM), by name. */
  Map<String, Duration> cpu() {
    Map<String, Duration> out = new LinkedHashMap<>();
    out.put("temporal", temporal.cpu());
    out.put("sandbox", sandbox.cpu());
    for (Worker w : workers) {
      out.put(w.proc().name(), w.proc().cpu());
    }
    out.put("api", api.cpu().plus(rateApi.cpu()));
    out.put("ledger", ledger.cpu());
    out.put(
        "bench",
        Duration.ofNanos(
            ((com.sun.management.OperatingSystemMXBean)
                    ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()));
    return out;
  }

  String temporalTarget() {
    return "127.0.0.1:" + temporalPort;
  }

  String sandboxUrl() {
    return "http://127.0.0.1:" + sandboxPort;
  }

  String apiUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  String rateApiUrl() {
    return "http://127.0.0.1:" + rateApiPort;
  }

  Http sandboxAdmin() {
    return new Http(sandboxUrl(), null);
  }

  Http api() {
    return new Http(apiUrl(), token);
  }

  Http rateApi() {
    return new Http(rateApiUrl(), token);
  }

  Path logs() {
    return logs;
  }

  @Override
  public void close() {
    if (api != null) {
      api.stop(Duration.ofSeconds(20));
    }
    if (rateApi != null) {
      rateApi.stop(Duration.ofSeconds(20));
    }
    for (Worker w : List.copyOf(workers)) {
      stopWorker(w);
    }
    if (sandbox != null) {
      sandbox.stop(Duration.ofSeconds(10));
    }
    if (ledger != null) {
      ledger.stop(Duration.ofSeconds(10));
    }
    if (temporal != null) {
      temporal.stop(Duration.ofSeconds(20));
    }
  }

  private boolean temporalReady() {
    try {
      Process p =
          new ProcessBuilder(
                  temporalCli.toString(),
                  "operator",
                  "namespace",
                  "describe",
                  "--namespace",
                  "default",
                  "--address",
                  temporalTarget())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String[] apiArgs(int port, List<String> extra) {
    String tokenHash;
    try {
      tokenHash = sha256(token);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<String> args = new ArrayList<>(common());
    args.addAll(
        List.of(
            "--server.port=" + port,
            "--campaigns.workflow.notify-url=http://127.0.0.1:"
                + apiPort
                + "/wechatpay/notifications/coupon",
            "--campaigns.security.tokens[0].name=bench",
            "--campaigns.security.tokens[0].role=marketer",
            "--campaigns.security.tokens[0].sha256=" + tokenHash));
    args.addAll(extra);
    return args.toArray(String[]::new);
  }

  /**
   * What the workers and the APIs share: profile local, this run's Temporal, ledger, sandbox,
   * audiences.
   */
  private List<String> common() {
    return List.of(
        "--spring.profiles.active=local",
        "--spring.temporal.connection.target=" + temporalTarget(),
        "--spring.datasource.url=" + ledgerUrl,
        "--campaigns.wechatpay.base-url=" + sandboxUrl(),
        "--campaigns.wechatpay.sandbox-admin-url=" + sandboxUrl(),
        "--campaigns.wechatpay.default-rate-limit-per-second=" + NO_LIMIT,
        "--campaigns.audiences.dir=" + work.resolve("audiences"));
  }

  private List<String> java(String module, String jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions.split(" ")));
    command.addAll(
        List.of(
            "-Djava.awt.headless=true",
            "-jar",
            work.resolve("jars").resolve(jarName(module)).toString()));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * The H2 jar inside the worker's exec jar, extracted once: the database server runs the same H2.
   */
  private Path h2Jar() {
    Path workerJar = work.resolve("jars").resolve(jarName("worker"));
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(workerJar.toFile())) {
      java.util.zip.ZipEntry entry =
          zip.stream()
              .filter(e -> e.getName().matches("BOOT-INF/lib/h2-[0-9.]+\\.jar"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no H2 jar in " + workerJar));
      Path out = work.resolve("jars").resolve(entry.getName().substring("BOOT-INF/lib/".length()));
      try (var in = zip.getInputStream(entry)) {
        Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String jarName(String module) {
    return module + "-" + VERSION + "-exec.jar";
  }

  /** 244 random bits (two type-4 UUIDs come from SecureRandom); the API only learns its SHA-256. */
  private static String randomToken() {
    return (java.util.UUID.randomUUID() + "" + java.util.UUID.randomUUID()).replace("-", "");
  }

  private static String sha256(String s) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
