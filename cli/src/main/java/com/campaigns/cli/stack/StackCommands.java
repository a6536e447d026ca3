package com.campaigns.cli.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command lines and shared arguments of the stack's processes. */
final class StackCommands {

  private StackCommands() {}

  /** The command line of Temporal: the dev server of the Temporal CLI, or the Java test server. */
  static List<String> temporal(
      StackOptions o, int temporalPort, int uiPort, String apiUrl, String codecToken) {
    if (o.temporal() == LocalStack.Temporal.TEST_SERVER) {
      return o.javaCommand(
          Pinned.WORKER,
          List.of("-Dloader.main=" + Pinned.TEST_SERVER_MAIN),
          List.of(String.valueOf(temporalPort), "127.0.0.1"));
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                o.temporalCli().toString(),
                "server",
                "start-dev",
                "--db-filename",
                o.state().resolve("temporal.db").toString(),
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(temporalPort),
                "--ui-port",
                String.valueOf(uiPort)));
    if (!o.fixedPorts()) {
      command.addAll(
          List.of(
              "--http-port",
              String.valueOf(Ports.free()),
              "--metrics-port",
              String.valueOf(Ports.free())));
    }
    // Payloads are encrypted; the Web UI decrypts them through the API's codec endpoint, with the
    // codec token: every Web UI user can read that URL, and it opens nothing else.
    command.addAll(
        List.of("--ui-disable-news-fetch", "--ui-codec-endpoint", apiUrl + "/codec/" + codecToken));
    command.addAll(o.temporalArgs());
    Pinned.SEARCH_ATTRIBUTES.forEach(
        a -> command.addAll(List.of("--search-attribute", a + "=Keyword")));
    return command;
  }

  /** What the workers and the API share: profile local, pointed at this stack's parts. */
  static List<String> common(StackOptions o, String temporalTarget, String sandboxUrl) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--spring.profiles.active=local",
                "--spring.temporal.connection.target=" + temporalTarget,
                "--campaigns.wechatpay.base-url=" + sandboxUrl,
                "--campaigns.wechatpay.sandbox-admin-url=" + sandboxUrl));
    boolean postgres = o.ledgerUrl() != null && o.ledgerUrl().startsWith("jdbc:postgresql:");
    if (o.ledgerUrl() != null) {
      args.add("--spring.datasource.url=" + o.ledgerUrl());
      if (postgres) {
        // The local profile's H2 user would override the URL's user parameter.
        args.add("--spring.datasource.username=" + urlUser(o.ledgerUrl()));
        args.add("--spring.datasource.password=");
      }
    }
    if (postgres) {
      // Production's store on production's database; the local profile keeps the file store.
      args.add("--campaigns.audiences.store=database");
    } else if (o.audiencesDir() != null) {
      args.add("--campaigns.audiences.dir=" + o.audiencesDir());
    }
    return args;
  }

  private static String urlUser(String url) {
    Matcher m = Pattern.compile("[?&]user=([^&]+)").matcher(url);
    return m.find() ? m.group(1) : "campaigns";
  }

  /**
   * {@code args} followed by {@code overrides}, without the {@code --key=value} arguments of {@code
   * args} whose key an override sets: Spring joins a key given twice into "a,b", which no number
   * binds to.
   */
  static List<String> overriding(List<String> args, List<String> overrides) {
    List<String> keys = overrides.stream().map(StackCommands::key).toList();
    List<String> out = new ArrayList<>();
    for (String a : args) {
      if (!keys.contains(key(a))) {
        out.add(a);
      }
    }
    out.addAll(overrides);
    return out;
  }

  private static String key(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg : arg.substring(0, eq);
  }
}
