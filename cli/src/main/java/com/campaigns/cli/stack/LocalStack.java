package com.campaigns.cli.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product as it ships, on this machine: Temporal (the dev server of the Temporal CLI with its
 * Web UI and the search attributes, or the embedded Java test server), the WeChat Pay sandbox, N
 * workers and the API, each a process from its exec jar with its log under {@link
 * StackOptions#logs()}. Everything binds 127.0.0.1, on the fixed ports of {@link Pinned} or on free
 * ones. {@link #start()} waits until every part answers and fails naming the log of the part that
 * did not; {@link #close()} stops them in reverse order (the API and the workers before the sandbox
 * and Temporal they talk to).
 */
public final class LocalStack implements AutoCloseable {

  /** Which Temporal the stack runs. */
  public enum Temporal {
    DEV_SERVER,
    TEST_SERVER
  }

  /** A worker process and its management port (/actuator/health, /actuator/prometheus). */
  public record Worker(String name, StackProcess process, int port) {
    public String url() {
      return "http://127.0.0.1:" + port;
    }
  }

  /** An API process and its port. */
  public record Api(StackProcess process, int port) {
    public String url() {
      return "http://127.0.0.1:" + port;
    }
  }

  private static final Pattern DEPLOYMENT_VERSION =
      Pattern.compile("\"deployment_version\"\\s*:\\s*\"([^\"]+)\"");

  private final StackOptions o;
  private final Tokens tokens;
  private final int temporalPort;
  private final int uiPort;
  private final int sandboxPort;
  private final int apiPort;
  private final StackProcess temporal;
  private final StackProcess sandbox;
  private final List<Worker> workers = new CopyOnWriteArrayList<>();
  private final List<Api> apis = new CopyOnWriteArrayList<>();

  /** Workers that left (stopped or killed): their logs still belong to the stack's story. */
  private final List<StackProcess> retired = new CopyOnWriteArrayList<>();

  private int workersStarted;
  private long startedNanos;
  private long readySeconds;
  private volatile boolean closed;

  public LocalStack(StackOptions options) {
    this.o = options;
    this.tokens = Tokens.random(options.tokenName());
    this.temporalPort = port(Pinned.TEMPORAL_PORT);
    this.uiPort = port(Pinned.TEMPORAL_UI_PORT);
    this.sandboxPort = port(Pinned.SANDBOX_PORT);
    this.apiPort = port(Pinned.API_PORT);
    this.temporal =
        new StackProcess(
            "temporal",
            StackCommands.temporal(o, temporalPort, uiPort, apiUrl(), tokens.codec()),
            o.workDir(),
            o.logs().resolve("temporal.log"));
    List<String> sandboxArgs =
        new ArrayList<>(
            List.of("--server.port=" + sandboxPort, "--sandbox.notify.allow-http-loopback=true"));
    sandboxArgs.addAll(o.sandboxArgs());
    this.sandbox =
        new StackProcess(
            "sandbox",
            o.javaCommand(Pinned.SANDBOX, o.sandboxJava(), sandboxArgs),
            o.workDir(),
            o.logs().resolve("sandbox.log"));
  }

  /**
   * Starts every part and waits until each answers; on a failure, stops what it started and throws.
   */
  public LocalStack start() {
    startedNanos = System.nanoTime();
    try {
      Preflight.check(o, temporalPort, uiPort, sandboxPort, apiPort);
      if (o.tokenDir() != null) {
        tokens.writeTo(o.tokenDir());
      }
      if (o.temporal() == Temporal.DEV_SERVER) {
        say(
            "▶ starting Temporal: the dev server ("
                + TemporalCli.version(o.temporalCli())
                + "), state in "
                + shown(o.state().resolve("temporal.db")));
      } else {
        say(
            "▶ starting Temporal: the embedded Java test server (no Web UI, nothing kept after a stop)");
      }
      temporal.start();
      say("▶ starting the sandbox (WeChat Pay stand-in) " + String.join(" ", o.sandboxArgs()));
      sandbox.start();
      Worker first = startWorker();
      awaitTemporal(startedNanos);
      sandbox.awaitReady(
          "GET /sandbox/merchants",
          o.startup(),
          () -> Probe.ok(sandboxUrl() + "/sandbox/merchants"));
      say("  sandbox ready after " + elapsed() + " s");
      awaitWorker(first);
      makeCurrent(first);
      // More workers and the API once the first worker has migrated the shared ledger.
      List<Worker> more = new ArrayList<>();
      for (int n = 2; n <= o.workers(); n++) {
        more.add(startWorker());
      }
      say("▶ starting the API (profile local)");
      Api api = startApi(apiPort, "api", List.of());
      more.forEach(this::awaitWorker);
      awaitApi(api);
      readySeconds = elapsed();
      return this;
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- what the stack offers

  public Temporal temporal() {
    return o.temporal();
  }

  public String temporalTarget() {
    return "127.0.0.1:" + temporalPort;
  }

  /** The Web UI of the dev server; empty on the test server. */
  public Optional<String> uiUrl() {
    return o.temporal() == Temporal.DEV_SERVER
        ? Optional.of("http://127.0.0.1:" + uiPort)
        : Optional.empty();
  }

  public String sandboxUrl() {
    return "http://127.0.0.1:" + sandboxPort;
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  public Tokens tokens() {
    return tokens;
  }

  public StackOptions options() {
    return o;
  }

  public List<Worker> workers() {
    return List.copyOf(workers);
  }

  /** Seconds from {@link #start()} until every part answered. */
  public long readySeconds() {
    return readySeconds;
  }

  /** Every process started, in the order of their start. */
  public List<StackProcess> processes() {
    List<StackProcess> all = new ArrayList<>(List.of(temporal, sandbox));
    workers.forEach(w -> all.add(w.process()));
    apis.forEach(a -> all.add(a.process()));
    return all;
  }

  /** Every process started, those that left included: for a failure report. */
  public List<StackProcess> everyProcess() {
    List<StackProcess> all = new ArrayList<>(retired);
    all.addAll(processes());
    return all;
  }

  /** Whether {@link #close()} began: its processes then exit as asked. */
  public boolean closed() {
    return closed;
  }

  /** The first process that exited, if one did. */
  public Optional<StackProcess> firstDead() {
    return processes().stream().filter(p -> !p.alive()).findFirst();
  }

  // ---------------------------------------------------------------- changes while it runs

  /** One more worker joins the task queue; waits until its health is UP. */
  public Worker addWorker() {
    Worker w = startWorker();
    awaitWorker(w);
    return w;
  }

  /**
   * Another build of the worker joins: the exec jar run by Spring Boot's {@code PropertiesLauncher}
   * with {@code loaderPath} ahead of the jar's own classes, and {@code extraArgs} (e.g. its build
   * id). It polls as its own deployment version and gets work once {@link #makeCurrent} is called.
   */
  public Worker addWorkerBuild(String build, Path loaderPath, List<String> extraArgs) {
    Worker w = startWorker(build, loaderPath, extraArgs);
    awaitWorker(w);
    return w;
  }

  /**
   * Makes the deployment version {@code w} polls as the current one (the deploy step of
   * docs/operations.md); nothing to do for an unversioned worker.
   */
  public void makeCurrent(Worker w) {
    String version = deploymentVersion(w);
    if ("unversioned".equals(version)) {
      return;
    }
    int colon = version.indexOf(':');
    String deployment = version.substring(0, colon);
    String buildId = version.substring(colon + 1);
    // The version exists once the worker's pollers have reached the server: retried until then.
    w.process()
        .awaitReady(
            "temporal worker deployment set-current-version --build-id " + buildId,
            o.startup(),
            () ->
                TemporalCli.setCurrentVersion(
                    o.temporalCli(), temporalTarget(), deployment, buildId));
    say("  " + version + " is the current deployment version");
  }

  /** The deployment version a worker reports in its health, or {@code unversioned}. */
  public String deploymentVersion(Worker w) {
    String health = Probe.body(w.url() + "/actuator/health");
    Matcher m = DEPLOYMENT_VERSION.matcher(health);
    if (!m.find()) {
      throw new StackException(w.name() + " does not report its deployment version: " + health);
    }
    return m.group(1);
  }

  /** A worker leaves: SIGTERM, the graceful shutdown a deployment does. */
  public void stopWorker(Worker w) {
    w.process().stop(Duration.ofSeconds(30));
    workers.remove(w);
    retired.add(w.process());
  }

  /** kill -9 of a worker: no shutdown hook, no graceful drain, heartbeats just stop. */
  public void killWorker(Worker w) {
    w.process().kill();
    workers.remove(w);
    retired.add(w.process());
  }

  /** kill -9 of the API (the first one, at {@link #apiUrl()}): requests in flight are lost. */
  public void killApi() {
    apis.get(0).process().kill();
  }

  /** Starts the API killed by {@link #killApi()} again on its port and waits until it answers. */
  public void restartApi() {
    Api api = apis.get(0);
    api.process().start();
    awaitApi(api);
  }

  /** SIGSTOP of a worker: it holds its work and stops heartbeating, without dying. */
  public void freeze(Worker w) {
    signal(w.process(), "STOP");
  }

  /** SIGCONT of a frozen worker: it wakes up and carries on where it stopped. */
  public void thaw(Worker w) {
    signal(w.process(), "CONT");
  }

  /** SIGSTOP or SIGCONT of {@code p} and every process under it. */
  static void signal(StackProcess p, String signal) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal, String.valueOf(p.pid())));
    ProcessHandle.of(p.pid())
        .ifPresent(h -> h.descendants().forEach(d -> command.add(String.valueOf(d.pid()))));
    signal(command);
  }

  /** Runs a {@code kill -SIG pid…} command line; a failure is a {@link StackException}. */
  static void signal(List<String> killCommand) {
    try {
      Process k = new ProcessBuilder(killCommand).redirectErrorStream(true).start();
      if (!k.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || k.exitValue() != 0) {
        throw new StackException(
            String.join(" ", killCommand)
                + " failed: "
                + new String(k.getInputStream().readAllBytes()));
      }
    } catch (java.io.IOException e) {
      throw new StackException(String.join(" ", killCommand) + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted: " + String.join(" ", killCommand));
    }
  }

  /**
   * Another API instance on a free port, waited for; {@code extraArgs} replace the stack's API
   * arguments of the same key.
   */
  public Api addApi(String name, List<String> extraArgs) {
    Api api = startApi(Ports.free(), name, extraArgs);
    awaitApi(api);
    return api;
  }

  /** Stops Temporal (SIGTERM, as Ctrl-C would); the dev server's state stays in its SQLite file. */
  public void stopTemporal() {
    temporal.stop(Duration.ofSeconds(30));
  }

  /** Starts Temporal again on the same state and ports and waits until it answers. */
  public void restartTemporal() {
    long restarted = System.nanoTime();
    temporal.start();
    awaitTemporal(restarted);
  }

  /**
   * Stops everything in reverse order of start, each given 20 s to stop by itself before it is
   * killed.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<StackProcess> all = processes();
    if (all.stream().allMatch(p -> p.pid() < 0)) {
      return;
    }
    say("");
    say("▶ stopping the stack…");
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).stop(Duration.ofSeconds(20));
    }
    say("  stopped. Logs are in " + shown(o.logs()) + "/");
  }

  // ---------------------------------------------------------------- plumbing

  private void awaitTemporal(long sinceNanos) {
    if (o.temporal() == Temporal.DEV_SERVER) {
      temporal.awaitReady(
          "temporal operator namespace describe and the Web UI answer",
          o.startup(),
          () ->
              TemporalCli.answers(o.temporalCli(), temporalTarget())
                  && Probe.ok(uiUrl().orElseThrow() + "/"));
    } else {
      temporal.awaitReady(
          "Temporal answering on " + temporalTarget(),
          o.startup(),
          () -> Ports.listening(temporalPort));
    }
    say(
        "  Temporal ready after "
            + Duration.ofNanos(System.nanoTime() - sinceNanos).toSeconds()
            + " s");
  }

  private Worker startWorker() {
    return startWorker(null, null, List.of());
  }

  private Worker startWorker(String build, Path loaderPath, List<String> extraArgs) {
    workersStarted++;
    String name = workerName(workersStarted) + (build == null ? "" : "-" + build);
    int port = o.fixedPorts() ? Pinned.WORKER_PORT + workersStarted - 1 : Ports.free();
    List<String> args = new ArrayList<>(StackCommands.common(o, temporalTarget(), sandboxUrl()));
    args.add("--server.port=" + port);
    // The dev server has worker deployments; the embedded test server has none.
    args.add("--campaigns.worker.versioning.enabled=" + (o.temporal() == Temporal.DEV_SERVER));
    args.addAll(o.workerArgs());
    args.addAll(extraArgs);
    say(
        "▶ starting "
            + (workersStarted == 1
                ? "the worker (profile local)"
                : name + " (profile local, port " + port + ")"));
    List<String> command =
        loaderPath == null
            ? o.javaCommand(Pinned.WORKER, o.workerJava().apply(name), args)
            : o.javaCommand(Pinned.WORKER, o.workerJava().apply(name), loaderPath, args);
    StackProcess p = new StackProcess(name, command, o.workDir(), o.logs().resolve(name + ".log"));
    Worker w = new Worker(name, p.start(), port);
    workers.add(w);
    return w;
  }

  private void awaitWorker(Worker w) {
    w.process()
        .awaitReady(
            "GET /actuator/health is UP",
            o.startup(),
            // The overall status, not a component's (the database is UP long before Temporal).
            () -> Probe.body(w.url() + "/actuator/health").startsWith("{\"status\":\"UP\""));
    say("  " + w.name() + " ready after " + elapsed() + " s");
  }

  private Api startApi(int port, String name, List<String> extraArgs) {
    List<String> args = new ArrayList<>(StackCommands.common(o, temporalTarget(), sandboxUrl()));
    args.addAll(
        List.of(
            "--server.port=" + port,
            "--campaigns.workflow.notify-url=" + apiUrl() + "/wechatpay/notifications/coupon"));
    if (!o.fixedPorts()) {
      uiUrl().ifPresent(ui -> args.add("--campaigns.codec-server.allowed-origins=" + ui));
    }
    args.addAll(tokens.apiArgs());
    args.addAll(StackCommands.overriding(o.apiArgs(), extraArgs));
    StackProcess p =
        new StackProcess(
            name,
            o.javaCommand(Pinned.API, o.apiJava(), args),
            o.workDir(),
            o.logs().resolve(name + ".log"));
    Api api = new Api(p.start(), port);
    apis.add(api);
    return api;
  }

  private void awaitApi(Api api) {
    api.process()
        .awaitReady(
            "GET /actuator/health", o.startup(), () -> Probe.ok(api.url() + "/actuator/health"));
    say(
        "  "
            + (api.process().name().equals("api") ? "API" : api.process().name())
            + " ready after "
            + elapsed()
            + " s");
  }

  private int port(int fixed) {
    return o.fixedPorts() ? fixed : Ports.free();
  }

  static String workerName(int n) {
    return n == 1 ? "worker" : "worker-" + n;
  }

  private long elapsed() {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
  }

  /** A path as the user sees it: relative to the project's root when under it. */
  public Path shown(Path p) {
    return p.startsWith(o.root()) ? o.root().relativize(p) : p;
  }

  private void say(String line) {
    o.say().accept(line);
  }
}
