package com.campaigns.cli.stack;

import com.campaigns.cli.stack.LocalStack.Temporal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What to start and how; {@link #builder(Path)} gives the defaults of {@code ./campaigns up}.
 *
 * @param root the project's root (the exec jars are under {@code <module>/target/})
 * @param jarCopies when set, the jars are copied there first and run from the copies (a build
 *     during a long run then cannot replace a jar under a running JVM)
 * @param workDir the processes' working directory; {@code state} holds {@code temporal.db}
 * @param ledgerUrl the ledger's JDBC URL, or null for the local profile's H2 file
 * @param audiencesDir null for the local profile's
 * @param tokenDir where the tokens are written ({@link Tokens#writeTo}), or null
 * @param workerJava JVM options per worker name, after {@code java} and {@code workerJava}
 */
public record StackOptions(
    Path root,
    Path jarCopies,
    Path workDir,
    Path state,
    Path logs,
    Temporal temporal,
    Path temporalCli,
    boolean fixedPorts,
    int workers,
    String tokenName,
    Path tokenDir,
    String ledgerUrl,
    Path audiencesDir,
    List<String> java,
    List<String> sandboxJava,
    List<String> apiJava,
    Function<String, List<String>> workerJava,
    List<String> temporalArgs,
    List<String> sandboxArgs,
    List<String> workerArgs,
    List<String> apiArgs,
    Duration startup,
    Consumer<String> say) {

  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** {@code java <java> <roleJava> -jar <the module's exec jar> <args>}. */
  public List<String> javaCommand(String module, List<String> roleJava, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(java);
    command.addAll(roleJava);
    command.addAll(List.of("-jar", jar(module).toString()));
    command.addAll(args);
    return command;
  }

  /**
   * {@code java <java> <roleJava> -Dloader.path=<loaderPath> -cp <exec jar> PropertiesLauncher
   * <args>}: the exec jar with {@code loaderPath} ahead of its own classes (another build of it).
   */
  public List<String> javaCommand(
      String module, List<String> roleJava, Path loaderPath, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(java);
    command.addAll(roleJava);
    command.add("-Dloader.path=" + loaderPath.toAbsolutePath());
    command.addAll(
        List.of(
            "-cp",
            jar(module).toString(),
            "org.springframework.boot.loader.launch.PropertiesLauncher"));
    command.addAll(args);
    return command;
  }

  /** The module's exec jar, or its copy under {@link #jarCopies()} (made at the first use). */
  public Path jar(String module) {
    Path built = Pinned.jar(root, module);
    if (jarCopies == null) {
      return built;
    }
    Path copy = jarCopies.resolve(Pinned.jarName(module));
    try {
      if (!Files.exists(copy)) {
        Files.createDirectories(jarCopies);
        Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }

  /**
   * The options, with the defaults of {@code ./campaigns up}: fixed ports, state and logs under
   * .data/.
   */
  public static final class Builder {
    private final Path root;
    private Path jarCopies;
    private Path workDir;
    private Path state;
    private Path logs;
    private Temporal temporal = Temporal.TEST_SERVER;
    private Path temporalCli;
    private boolean fixedPorts = true;
    private int workers = 1;
    private String tokenName = "local";
    private Path tokenDir;
    private String ledgerUrl;
    private Path audiencesDir;
    private List<String> java = List.of();
    private List<String> sandboxJava = List.of();
    private List<String> apiJava = List.of();
    private Function<String, List<String>> workerJava = name -> List.of();
    private List<String> temporalArgs = List.of();
    private List<String> sandboxArgs = List.of();
    private List<String> workerArgs = List.of();
    private List<String> apiArgs = List.of();
    private Duration startup = Duration.ofSeconds(180);
    private Consumer<String> say = System.out::println;

    private Builder(Path root) {
      this.root = root.toAbsolutePath().normalize();
      this.workDir = this.root;
      this.state = this.root.resolve(Pinned.DATA_DIR);
      this.logs = this.root.resolve(Pinned.LOGS_DIR);
    }

    /**
     * Runs the dev server of the Temporal CLI at {@code cli}, or the Java test server when null.
     */
    public Builder temporalCli(Path cli) {
      this.temporalCli = cli;
      this.temporal = cli == null ? Temporal.TEST_SERVER : Temporal.DEV_SERVER;
      return this;
    }

    /**
     * Free ports, state and logs under {@code dir} (which is also the processes' working
     * directory).
     */
    public Builder freePortsUnder(Path dir) {
      this.fixedPorts = false;
      this.workDir = dir;
      this.state = dir;
      this.logs = dir.resolve("logs");
      return this;
    }

    public Builder jarCopies(Path dir) {
      this.jarCopies = dir;
      return this;
    }

    public Builder workers(int n) {
      this.workers = n;
      return this;
    }

    /**
     * The tokens' names ({@code name}, {@code name-ops}) and where to write them (null: nowhere).
     */
    public Builder tokens(String name, Path dir) {
      this.tokenName = name;
      this.tokenDir = dir;
      return this;
    }

    public Builder ledgerUrl(String url) {
      this.ledgerUrl = url;
      return this;
    }

    public Builder audiencesDir(Path dir) {
      this.audiencesDir = dir;
      return this;
    }

    /** JVM options of every Java process. */
    public Builder java(List<String> options) {
      this.java = List.copyOf(options);
      return this;
    }

    public Builder sandboxJava(List<String> options) {
      this.sandboxJava = List.copyOf(options);
      return this;
    }

    public Builder apiJava(List<String> options) {
      this.apiJava = List.copyOf(options);
      return this;
    }

    /** JVM options per worker, by its name ({@code worker}, {@code worker-2}, …). */
    public Builder workerJava(Function<String, List<String>> options) {
      this.workerJava = options;
      return this;
    }

    public Builder temporalArgs(List<String> args) {
      this.temporalArgs = List.copyOf(args);
      return this;
    }

    public Builder sandboxArgs(List<String> args) {
      this.sandboxArgs = List.copyOf(args);
      return this;
    }

    public Builder workerArgs(List<String> args) {
      this.workerArgs = List.copyOf(args);
      return this;
    }

    public Builder apiArgs(List<String> args) {
      this.apiArgs = List.copyOf(args);
      return this;
    }

    public Builder startup(Duration timeout) {
      this.startup = timeout;
      return this;
    }

    /** Where progress lines go (default: standard output). */
    public Builder say(Consumer<String> say) {
      this.say = say;
      return this;
    }

    public StackOptions build() {
      return new StackOptions(
          root,
          jarCopies,
          workDir,
          state,
          logs,
          temporal,
          temporalCli,
          fixedPorts,
          workers,
          tokenName,
          tokenDir,
          ledgerUrl,
          audiencesDir,
          java,
          sandboxJava,
          apiJava,
          workerJava,
          temporalArgs,
          sandboxArgs,
          workerArgs,
          apiArgs,
          startup,
          say);
    }
  }
}
