package com.campaigns.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.starter.ApiClient.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser signed in to the console with a token: it keeps the session cookie, does not follow
 * redirects, and sends the page's CSRF token with every post as the console's htmx requests do.
 */
public final class ConsoleSession {

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final int port;
  private String csrf;

  private ConsoleSession(int port) {
    this.port = port;
  }

  /** Signs in through the login form and reads the CSRF token of the campaign list. */
  public static ConsoleSession signIn(int port, String token) {
    ConsoleSession s = new ConsoleSession(port);
    Answer signedIn = s.login(token);
    assertThat(signedIn.status()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/console/campaigns");
    Matcher meta =
        Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"")
            .matcher(s.send("GET", "/console/campaigns").text());
    assertThat(meta.find()).as("the page's CSRF token").isTrue();
    s.csrf = meta.group(1);
    return s;
  }

  /** The answer to a sign-in with this token (a redirect to the list or to the error page). */
  public static Answer attempt(int port, String token) {
    return new ConsoleSession(port).login(token);
  }

  private Answer login(String token) {
    String page = send("GET", "/console/login").text();
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("the login form carries a CSRF field").isTrue();
    return raw("POST", "/console/login", "token=" + enc(token) + "&_csrf=" + enc(m.group(1)));
  }

  /** A GET, or a post of an empty form with the CSRF token. */
  public Answer send(String method, String path) {
    return raw(method, path, "");
  }

  /** A post of one form field with the CSRF token. */
  public Answer postForm(String path, String name, String value) {
    return raw("POST", path, enc(name) + "=" + enc(value));
  }

  /** A form post without the CSRF token, as a page on another site would send it. */
  public Answer postWithoutCsrf(String path, String form) {
    String token = csrf;
    csrf = null;
    try {
      return raw("POST", path, form);
    } finally {
      csrf = token;
    }
  }

  /** A page's HTML; fails unless it answers 200. */
  public String page(String path) {
    Answer page = send("GET", path);
    assertThat(page.status()).as(path).isEqualTo(200);
    return page.text();
  }

  /** Uploads a file as the new-campaign page's audience form does; the answered fragment. */
  public String uploadAudience(String fileName, String content) {
    String boundary = "----console-test-boundary";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: text/plain\r\n\r\n"
            + content
            + "\r\n--"
            + boundary
            + "--\r\n";
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/audiences"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("X-CSRF-TOKEN", csrf)
            .header("HX-Request", "true")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    Answer answer = exchange(r);
    assertThat(answer.status()).as("/console/audiences").isEqualTo(200);
    return answer.text();
  }

  private Answer raw(String method, String path, String form) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (method.equals("GET")) {
      r.GET();
    } else {
      r.header("Content-Type", "application/x-www-form-urlencoded")
          .method(method, HttpRequest.BodyPublishers.ofString(form));
      if (csrf != null) {
        r.header("X-CSRF-TOKEN", csrf);
      }
    }
    return exchange(r);
  }

  private Answer exchange(HttpRequest.Builder r) {
    try {
      HttpResponse<String> a = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(a.statusCode(), a.headers(), a.body(), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
