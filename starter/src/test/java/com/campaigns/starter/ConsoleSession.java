package com.campaigns.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A console session signed in with a token (the login form with its CSRF field). */
public final class ConsoleSession {

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final int port;

  private ConsoleSession(int port) {
    this.port = port;
  }

  public static ConsoleSession signIn(int port, String token) throws Exception {
    ConsoleSession session = new ConsoleSession(port);
    Matcher csrf =
        Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
            .matcher(session.page("/console/login"));
    assertThat(csrf.find()).isTrue();
    String form =
        "token="
            + URLEncoder.encode(token, StandardCharsets.UTF_8)
            + "&_csrf="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> login =
        session.http.send(
            HttpRequest.newBuilder(session.uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);
    return session;
  }

  /** A page's HTML; fails unless it answers 200. */
  public String page(String path) throws Exception {
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as(path).isEqualTo(200);
    return page.body();
  }

  /** Uploads a file as the new-campaign page's audience form does; the answered fragment. */
  public String uploadAudience(String fileName, String content) throws Exception {
    String page = page("/console/campaigns/new");
    Matcher header = Pattern.compile("name=\"csrf-header\" content=\"([^\"]+)\"").matcher(page);
    Matcher token = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page);
    assertThat(header.find() && token.find()).as("the page's CSRF token").isTrue();
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
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(uri("/console/audiences"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header(header.group(1), token.group(1))
                .header("HX-Request", "true")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("/console/audiences").isEqualTo(200);
    return answer.body();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
