package com.campaigns.bench.stack;

import com.campaigns.cli.stack.LocalStack;
import com.campaigns.cli.stack.Ports;
import com.campaigns.cli.stack.PrivatePostgres;
import com.campaigns.cli.stack.StackOptions;
import com.campaigns.cli.stack.StackProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The product as it ships, started for one bench run under {@code <work>/}: the local stack of
 * module cli ({@link LocalStack}: the Temporal dev server, the sandbox, one or two workers, the
 * API) on free ports, plus what the bench measures with: a second API instance with small segments
 * for the rate waves, JMX on every worker (heap after GC), and the ledger on PostgreSQL in a
 * cluster of its own ({@link PrivatePostgres}), production's engine and a server process of its
 * own: the worker's heap and CPU are the worker's own, and the database's are measured as {@code
 * ledger} (the postmaster and its backends).
 */
public final class BenchStack implements AutoCloseable {

  public static final String MCHID = "1900000001";
  public static final String APPID = "wx0000000000000001";

  /** The ceilings of the sandbox and of the merchant, far above what two cores can send. */
  public static final int NO_LIMIT = 100_000;

  /**
   * Recipients per IssueCoupons activity in the rate waves, so that two workers share every wave.
   */
  public static final int RATE_SEGMENT_SIZE = 500;

  public static final String WORKER_JVM = "-Xmx1g -XX:+UseSerialGC";

  /** The collector of -XX:+UseSerialGC that System.gc() runs. */
  public static final String FULL_COLLECTOR = "MarkSweepCompact";

  public static final String OTHER_JVM = "-Xmx1g";
  private static final Duration STARTUP = Duration.ofSeconds(300);

  private final Path root;
  private final Path work;

  /** The JMX port of each worker, by name. */
  private final Map<String, Integer> jmxPorts = new ConcurrentHashMap<>();

  private final LocalStack stack;
  private final PrivatePostgres ledger;
  private LocalStack.Api rateApi;

  public BenchStack(Path root, Path work, Path temporalCli, int concurrency) {
    this.root = root;
    this.work = work;
    this.ledger = PrivatePostgres.start(work.resolve("postgres"), line -> Console.say("%s", line));
    String ledgerUrl = ledger.jdbcUrl();
    String noLimit = "--campaigns.wechatpay.default-rate-limit-per-second=" + NO_LIMIT;
    this.stack =
        new LocalStack(
            StackOptions.builder(root)
                .freePortsUnder(work)
                .temporalCli(temporalCli)
                // Run copies, so that a build during a long run cannot replace a jar under a
                // running JVM.
                .jarCopies(work.resolve("jars"))
                .tokens("bench", null)
                .ledgerUrl(ledgerUrl)
                .audiencesDir(work.resolve("audiences"))
                .java(List.of("-Djava.awt.headless=true"))
                .sandboxJava(List.of("-Xmx3g"))
                .apiJava(List.of(OTHER_JVM))
                .workerJava(this::workerJvm)
                .temporalArgs(List.of("--log-level", "warn"))
                .sandboxArgs(
                    List.of(
                        "--sandbox.data-dir=" + work.resolve("sandbox"),
                        "--sandbox.limits.send-rate-per-second=" + NO_LIMIT,
                        "--sandbox.flow.ready=after-end"))
                .workerArgs(
                    List.of(
                        noLimit,
                        "--campaigns.issuance.concurrency-per-segment="
                            + Math.max(1, concurrency / 2),
                        "--campaigns.issuance.sender-threads=" + Math.max(64, concurrency)))
                .apiArgs(List.of(noLimit))
                .startup(STARTUP)
                .say(line -> Console.say("%s", line))
                .build());
  }

  public void start() {
    try {
      Files.createDirectories(work.resolve("audiences"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stack.start();
    rateApi =
        stack.addApi("api-rate", List.of("--campaigns.workflow.segment-size=" + RATE_SEGMENT_SIZE));
  }

  /** Starts one more worker on the task queue and waits until its health is UP. */
  public LocalStack.Worker addWorker() {
    return stack.addWorker();
  }

  public void stopWorker(LocalStack.Worker w) {
    stack.stopWorker(w);
  }

  public List<LocalStack.Worker> workers() {
    return stack.workers();
  }

  /**
   * Forces a full GC in the worker and answers the heap it left in use (bytes), as the collector
   * reports it ({@code LastGcInfo.memoryUsageAfterGc} of the heap pools). Reading the used heap
   * afterwards instead would add whatever the worker allocated in between, at ~1 000 sends/s
   * megabytes.
   */
  public long heapAfterGc(LocalStack.Worker w) {
    JMXServiceURL url;
    try {
      url =
          new JMXServiceURL(
              "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPorts.get(w.name()) + "/jmxrmi");
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
              "no " + FULL_COLLECTOR + " collection reported by " + w.name());
        }
        return best;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("JMX of " + w.name(), e);
    }
  }

  /** {@code jcmd <pid> <command...>} of the JDK running the bench. */
  public String jcmd(LocalStack.Worker w, String... command) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(w.process().pid())));
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
  public Map<String, Duration> cpu() {
    Map<String, Duration> out = new LinkedHashMap<>();
    for (StackProcess p : stack.processes()) {
      String name = p.name().startsWith("api") ? "api" : p.name();
      out.merge(name, p.cpu(), Duration::plus);
    }
    out.put("ledger", ledger.cpu());
    out.put(
        "bench",
        Duration.ofNanos(
            ((com.sun.management.OperatingSystemMXBean)
                    ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()));
    return out;
  }

  public String temporalTarget() {
    return stack.temporalTarget();
  }

  public String sandboxUrl() {
    return stack.sandboxUrl();
  }

  public Http sandboxAdmin() {
    return new Http(sandboxUrl(), null);
  }

  public Http api() {
    return new Http(stack.apiUrl(), stack.tokens().marketer());
  }

  public Http rateApi() {
    return new Http(rateApi.url(), stack.tokens().marketer());
  }

  public Path logs() {
    return stack.options().logs();
  }

  @Override
  public void close() {
    stack.close();
    ledger.close();
  }

  /** The worker's JVM: its heap and collector, and JMX on a free port (heap after GC). */
  private List<String> workerJvm(String name) {
    int jmx = Ports.free();
    jmxPorts.put(name, jmx);
    List<String> jvm = new ArrayList<>(List.of(WORKER_JVM.split(" ")));
    jvm.addAll(
        List.of(
            "-Dcom.sun.management.jmxremote.port=" + jmx,
            "-Dcom.sun.management.jmxremote.rmi.port=" + jmx,
            "-Dcom.sun.management.jmxremote.host=127.0.0.1",
            "-Djava.rmi.server.hostname=127.0.0.1",
            "-Dcom.sun.management.jmxremote.authenticate=false",
            "-Dcom.sun.management.jmxremote.ssl=false"));
    return jvm;
  }
}
