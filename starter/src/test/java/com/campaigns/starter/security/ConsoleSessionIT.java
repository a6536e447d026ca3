package com.campaigns.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.starter.StackTest;
import com.campaigns.starter.StarterApplication;
import com.campaigns.starter.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's sessions and sign-in (issue 19), on the test stack and on a second API replica
 * started on the same database, production-shaped (Secure cookie, behind a TLS proxy that sends
 * X-Forwarded-*), whose clock the test moves and whose Tomcat reports how many body bytes each
 * request had read from the client.
 */
@StackTest
class ConsoleSessionIT {

  /** Body bytes the replica's application read from the client, by the request's X-Probe. */
  static final Map<String, Long> bytesRead = new ConcurrentHashMap<>();

  static ConfigurableApplicationContext replica;
  static ShiftedClock replicaClock;

  @LocalServerPort int port;
  @Autowired ConfigurableEnvironment environment;
  @Autowired DataSource dataSource;

  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void startReplica() {
    if (replica != null) {
      replicaClock.reset();
      return;
    }
    // The stack's own settings (same database, tokens, codec key, sandbox), minus the test
    // stack's non-Secure cookie; a low per-address sign-in limit.
    Map<String, Object> p =
        new HashMap<>(
            ((MapPropertySource) environment.getPropertySources().get("test-stack")).getSource());
    p.remove("server.servlet.session.cookie.secure");
    p.put("server.port", "0");
    p.put("spring.temporal.test-server.enabled", "true");
    p.put("campaigns.console.sign-in.max-failures-per-address", "3");
    replica =
        new SpringApplicationBuilder(StarterApplication.class, ReplicaExtras.class)
            .initializers(
                c -> {
                  c.getEnvironment()
                      .getPropertySources()
                      .addFirst(new MapPropertySource("replica", p));
                  // As in a test context: the stack's test configuration is not scanned in.
                  c.getBeanFactory().registerSingleton("testClassesOut", new TestClassesOut());
                })
            .run();
    replicaClock = replica.getBean(ShiftedClock.class);
  }

  @AfterAll
  static void stopReplica() {
    if (replica != null) {
      replica.close();
      replica = null;
    }
  }

  @Test
  void aSessionSignedInOnOneReplicaIsServedByAnother() throws Exception {
    Client onStack = new Client(stackUrl());
    assertThat(onStack.signIn(TestTokens.MARKETER).statusCode()).isEqualTo(302);
    assertThat(onStack.cookies).containsKey("JSESSIONID");
    assertThat(sessionRows()).isPositive();

    // The replica has never seen this browser: it serves it from the database.
    Client onReplica = onStack.to(replicaUrl());
    HttpResponse<String> page = onReplica.get("/console/campaigns");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(TestTokens.MARKETER_NAME);

    // Signing out on the replica ends the session on the stack too.
    String csrf = meta(page.body(), "csrf-token");
    assertThat(onReplica.post("/console/logout", "", csrf).statusCode()).isEqualTo(302);
    assertThat(onStack.get("/console/campaigns").statusCode()).isEqualTo(302);
  }

  @Test
  void anonymousVisitorsGetNoServerSession() throws Exception {
    long before = sessionRows();
    Client anonymous = new Client(stackUrl());
    for (String path : List.of("/console/login", "/console/campaigns", "/console/campaigns/x")) {
      HttpResponse<String> r = anonymous.get(path);
      assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
    }
    HttpResponse<String> wrong = anonymous.signIn("not-a-token");
    assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/console/login?error");
    assertThat(anonymous.cookies).doesNotContainKey("JSESSIONID");
    assertThat(sessionRows()).isEqualTo(before);

    // The sign-in form's CSRF token lived in a cookie; it still protects the form, and a good
    // token opens a session, back at the page first asked for.
    assertThat(anonymous.cookies).containsKey(ConsoleCsrfTokenRepository.COOKIE);
    assertThat(anonymous.post("/console/login", "token=" + enc(TestTokens.MARKETER), null))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(403);
    HttpResponse<String> signedIn = anonymous.signIn(TestTokens.MARKETER);
    assertThat(signedIn.headers().firstValue("Location").orElse(""))
        .contains("/console/campaigns/x");
    assertThat(anonymous.cookies).containsKey("JSESSIONID");
    assertThat(sessionRows()).isEqualTo(before + 1);
  }

  @Test
  void anAnonymousMultipartPostIsRefusedBeforeItsBodyIsRead() throws Exception {
    Client anonymous = new Client(replicaUrl());
    anonymous.get("/console/login");
    long size = 50L * 1024 * 1024;

    // Without the filter the CSRF filter's look for a _csrf parameter parsed all 50 MB.
    String upload = anonymous.multipart("/console/audiences", size, null);
    assertThat(awaitBytesRead(upload)).isZero();
    String signIn = anonymous.multipart("/console/login", size, null);
    assertThat(awaitBytesRead(signIn)).isZero();

    // A signed-in viewer may not upload: refused unread too.
    Client viewer = new Client(replicaUrl());
    viewer.signIn(TestTokens.VIEWER);
    String csrf = meta(viewer.get("/console/campaigns").body(), "csrf-token");
    assertThat(awaitBytesRead(viewer.multipart("/console/audiences", size, csrf))).isZero();

    // The probe does count what is read: a marketer's small upload is read whole.
    Client marketer = new Client(replicaUrl());
    marketer.signIn(TestTokens.MARKETER);
    csrf = meta(marketer.get("/console/campaigns").body(), "csrf-token");
    assertThat(awaitBytesRead(marketer.multipart("/console/audiences", 1000, csrf)))
        .isGreaterThan(1000);
  }

  @Test
  void signInsAreThrottledPerClientAddressWithoutCheckingTheToken() throws Exception {
    Client mallory = new Client(replicaUrl()).via("203.0.113.7", "http");
    for (int i = 0; i < 3; i++) {
      assertThat(mallory.signIn("guess-" + i).headers().firstValue("Location").orElse(""))
          .endsWith("/console/login?error");
    }
    // The limit (3 a minute here) is reached: even the right token is not checked.
    HttpResponse<String> refused = mallory.signIn(TestTokens.MARKETER);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(mallory.cookies).doesNotContainKey("JSESSIONID");

    // Another address is not affected.
    Client alice = new Client(replicaUrl()).via("203.0.113.8", "http");
    assertThat(alice.signIn(TestTokens.MARKETER).statusCode()).isEqualTo(302);
    assertThat(alice.cookies).containsKey("JSESSIONID");

    // A minute later the address may try again.
    replicaClock.shift(Duration.ofMinutes(1));
    HttpResponse<String> later = mallory.signIn(TestTokens.MARKETER);
    assertThat(later.headers().firstValue("Location").orElse("")).endsWith("/console/campaigns");
  }

  @Test
  void behindATlsProxyTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
    Client direct = new Client(replicaUrl());
    assertThat(direct.get("/console/login").headers().firstValue("Strict-Transport-Security"))
        .isEmpty();

    Client proxied = new Client(replicaUrl()).via("198.51.100.20", "https");
    HttpResponse<String> login = proxied.get("/console/login");
    assertThat(login.headers().firstValue("Strict-Transport-Security").orElse(""))
        .contains("max-age=");
    HttpResponse<String> signedIn = proxied.signIn(TestTokens.OPS);
    assertThat(signedIn.headers().firstValue("Location").orElse(""))
        .startsWith("https://")
        .endsWith("/console/campaigns");
    String cookie =
        signedIn.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Lax");
  }

  @Test
  void aSessionEndsAtItsAbsoluteLifetimeHoweverActiveItIs() throws Exception {
    Client marketer = new Client(replicaUrl());
    marketer.signIn(TestTokens.MARKETER);
    String sessionCookie = marketer.cookies.get("JSESSIONID");

    // Pages poll: the session is never idle. 12 h after sign-in it ends anyway.
    replicaClock.shift(Duration.ofHours(11).plusMinutes(59));
    assertThat(marketer.get("/console/campaigns").statusCode()).isEqualTo(200);
    replicaClock.shift(Duration.ofMinutes(2));
    HttpResponse<String> ended = marketer.get("/console/campaigns");
    assertThat(ended.statusCode()).isEqualTo(302);
    assertThat(ended.headers().firstValue("Location").orElse("")).endsWith("/console/login");

    // Gone from the database: no replica serves it any more.
    Client stale = new Client(stackUrl());
    stale.cookies.put("JSESSIONID", sessionCookie);
    assertThat(stale.get("/console/campaigns").statusCode()).isEqualTo(302);
  }

  private long sessionRows() {
    return new JdbcTemplate(dataSource)
        .queryForObject("SELECT COUNT(*) FROM spring_session", Long.class);
  }

  private static long awaitBytesRead(String probe) {
    await().atMost(Duration.ofSeconds(30)).until(() -> bytesRead.containsKey(probe));
    return bytesRead.get(probe);
  }

  private String stackUrl() {
    return "http://127.0.0.1:" + port;
  }

  private static String replicaUrl() {
    return "http://127.0.0.1:"
        + ((ServletWebServerApplicationContext) replica).getWebServer().getPort();
  }

  private static String meta(String html, String name) {
    Matcher m = Pattern.compile("<meta name=\"" + name + "\" content=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("meta " + name + " in the page").isTrue();
    return m.group(1);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * A browser with a cookie jar of its own (the JDK's would not send a Secure cookie over the
   * test's plain http), optionally behind a proxy that sends X-Forwarded-For and -Proto.
   */
  final class Client {
    final String base;
    final Map<String, String> cookies = new LinkedHashMap<>();
    String forwardedFor;
    String forwardedProto;

    Client(String base) {
      this.base = base;
    }

    Client via(String clientAddress, String proto) {
      forwardedFor = clientAddress;
      forwardedProto = proto;
      return this;
    }

    /** The same browser (cookies) talking to another replica. */
    Client to(String otherBase) {
      Client c = new Client(otherBase);
      c.cookies.putAll(cookies);
      return c;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return send(request(path).GET());
    }

    HttpResponse<String> post(String path, String form, String csrf)
        throws IOException, InterruptedException {
      HttpRequest.Builder r =
          request(path)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form));
      if (csrf != null) {
        r.header("X-CSRF-TOKEN", csrf);
      }
      return send(r);
    }

    /** The sign-in form as a browser sends it, with the form's CSRF field. */
    HttpResponse<String> signIn(String token) throws IOException, InterruptedException {
      String page = get("/console/login").body();
      Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
      assertThat(m.find()).as("the sign-in form carries a CSRF field").isTrue();
      return post("/console/login", "token=" + enc(token) + "&_csrf=" + enc(m.group(1)), null);
    }

    /**
     * Posts a multipart file of {@code size} bytes and returns the probe id under which the replica
     * records how much of it was read; the server may close the connection early.
     */
    String multipart(String path, long size, String csrf) throws InterruptedException {
      String probe = UUID.randomUUID().toString();
      String boundary = "b" + probe.replace("-", "");
      byte[] head =
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                  + "Content-Type: text/plain\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8);
      byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
      HttpRequest.Builder r =
          request(path)
              .header("X-Probe", probe)
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(
                  HttpRequest.BodyPublishers.fromPublisher(
                      HttpRequest.BodyPublishers.ofInputStream(() -> new Lines(head, size, tail)),
                      head.length + size + tail.length));
      if (csrf != null) {
        r.header("X-CSRF-TOKEN", csrf);
      }
      try {
        send(r);
      } catch (IOException e) {
        // Refused: the server closed the connection instead of reading the rest.
      }
      return probe;
    }

    private HttpRequest.Builder request(String path) {
      HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path));
      if (!cookies.isEmpty()) {
        r.header(
            "Cookie",
            cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; ")));
      }
      if (forwardedFor != null) {
        r.header("X-Forwarded-For", forwardedFor).header("X-Forwarded-Proto", forwardedProto);
      }
      return r;
    }

    private HttpResponse<String> send(HttpRequest.Builder r)
        throws IOException, InterruptedException {
      HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      for (String c : response.headers().allValues("Set-Cookie")) {
        String pair = c.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (value.isEmpty() || c.contains("Max-Age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return response;
    }
  }

  /** A multipart body of one file made of openid-like lines, generated as it is read. */
  static final class Lines extends InputStream {
    private final byte[] head;
    private final long size;
    private final byte[] tail;
    private long position;

    Lines(byte[] head, long size, byte[] tail) {
      this.head = head;
      this.size = size;
      this.tail = tail;
    }

    @Override
    public int read() {
      long p = position++;
      if (p < head.length) {
        return head[(int) p];
      }
      p -= head.length;
      if (p < size) {
        return p % 29 == 28 ? '\n' : 'o';
      }
      p -= size;
      if (p < tail.length) {
        return tail[(int) p];
      }
      position--;
      return -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = 0;
      while (n < len) {
        int c = read();
        if (c < 0) {
          return n == 0 ? -1 : n;
        }
        b[off + n++] = (byte) c;
      }
      return n;
    }
  }

  /** A clock the test moves forward. */
  static final class ShiftedClock extends Clock {
    private volatile Duration shift = Duration.ZERO;

    void shift(Duration by) {
      shift = shift.plus(by);
    }

    void reset() {
      shift = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(shift);
    }
  }

  /** Keeps test configurations (the stack's, ReplicaExtras) out of the replica's scan. */
  static final class TestClassesOut extends TypeExcludeFilter {
    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
      return reader.getAnnotationMetadata().hasMetaAnnotation(TestComponent.class.getName())
          || reader.getAnnotationMetadata().hasAnnotation(TestComponent.class.getName());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TestClassesOut;
    }

    @Override
    public int hashCode() {
      return TestClassesOut.class.hashCode();
    }
  }
}
