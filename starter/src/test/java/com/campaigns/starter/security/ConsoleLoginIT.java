package com.campaigns.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestTokens;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's sign-in: a token entered once opens a session (HttpOnly, SameSite=Lax cookie),
 * every form and htmx post needs the session's CSRF token, roles limit the console's actions as
 * they limit the API's, and the session cookie is no key to the API.
 */
@StackTest
class ConsoleLoginIT {

  @LocalServerPort int port;

  @Test
  void pagesNeedASignInAndAWrongTokenIsRefused() throws Exception {
    Browser b = new Browser();
    HttpResponse<String> page = b.get("/console/campaigns");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/console/login");

    HttpResponse<String> wrong = b.signIn("not-a-token");
    assertThat(wrong.statusCode()).isEqualTo(302);
    assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/console/login?error");
    assertThat(b.get("/console/campaigns").statusCode()).isEqualTo(302);
  }

  @Test
  void aSignedInMarketerGetsAnHttpOnlyLaxSessionAndPostsWithTheCsrfToken() throws Exception {
    Browser b = new Browser();
    HttpResponse<String> signedIn = b.signIn(TestTokens.MARKETER);
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/console/campaigns");
    String cookie =
        signedIn.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Lax");

    HttpResponse<String> list = b.get("/console/campaigns");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains(TestTokens.MARKETER_NAME, "id=\"new-campaign\"");
    assertThat(list.body()).doesNotContain(TestTokens.MARKETER);

    // Without the CSRF token a post is refused; with the page's token (the htmx header) it is
    // served.
    assertThat(b.post("/console/campaigns/validate", "spec=%7B%7D", null).statusCode())
        .isEqualTo(403);
    String csrf = meta(list.body(), "csrf-token");
    HttpResponse<String> validated = b.post("/console/campaigns/validate", "spec=%7B%7D", csrf);
    assertThat(validated.statusCode()).isEqualTo(200);
    assertThat(validated.body()).contains("violation");

    // The session is no key to the API: the API reads bearer tokens only.
    HttpResponse<String> api = b.get("/api/v1/campaigns");
    assertThat(api.statusCode()).isEqualTo(401);

    // Sign out ends the session.
    assertThat(b.post("/console/logout", "", csrf).statusCode()).isEqualTo(302);
    assertThat(b.get("/console/campaigns").statusCode()).isEqualTo(302);
  }

  @Test
  void aViewerReadsTheConsoleButItsPostsAreRefused() throws Exception {
    Browser b = new Browser();
    assertThat(b.signIn(TestTokens.VIEWER).statusCode()).isEqualTo(302);
    HttpResponse<String> list = b.get("/console/campaigns");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).doesNotContain("id=\"new-campaign\"");
    String csrf = meta(list.body(), "csrf-token");

    assertThat(b.post("/console/campaigns/validate", "spec=%7B%7D", csrf).statusCode())
        .isEqualTo(403);
    assertThat(b.post("/console/campaigns/start", "spec=%7B%7D", csrf).statusCode()).isEqualTo(403);
    assertThat(b.post("/console/campaigns/x/pause", "reason=r", csrf).statusCode()).isEqualTo(403);
  }

  @Test
  void opsMayPauseFromTheConsoleButNotStart() throws Exception {
    Browser b = new Browser();
    assertThat(b.signIn(TestTokens.OPS).statusCode()).isEqualTo(302);
    String csrf = meta(b.get("/console/campaigns").body(), "csrf-token");

    assertThat(b.post("/console/campaigns/start", "spec=%7B%7D", csrf).statusCode()).isEqualTo(403);
    // Allowed through security: the campaign does not exist, which the console reports itself.
    assertThat(b.post("/console/campaigns/nope/pause", "reason=r", csrf).statusCode())
        .isNotEqualTo(403);
  }

  private static String meta(String html, String name) {
    Matcher m = Pattern.compile("<meta name=\"" + name + "\" content=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("meta " + name + " in the page").isTrue();
    return m.group(1);
  }

  /** A cookie-keeping client that does not follow redirects. */
  final class Browser {
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form, String csrf)
        throws IOException, InterruptedException {
      HttpRequest.Builder r =
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form));
      if (csrf != null) {
        r.header("X-CSRF-TOKEN", csrf);
      }
      return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The login form as a browser sends it: the token and the form's hidden CSRF field. */
    HttpResponse<String> signIn(String token) throws IOException, InterruptedException {
      String page = get("/console/login").body();
      Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
      assertThat(m.find()).as("the login form carries a CSRF field").isTrue();
      // Without the CSRF field the login itself is refused.
      assertThat(post("/console/login", "token=" + enc(token), null).statusCode()).isEqualTo(403);
      return post("/console/login", "token=" + enc(token) + "&_csrf=" + enc(m.group(1)), null);
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
