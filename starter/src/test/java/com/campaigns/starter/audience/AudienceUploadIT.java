package com.campaigns.starter.audience;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.ledger.audience.AudienceStore;
import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.ConsoleSession;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestTokens;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code POST /api/v1/audiences} and {@code GET /api/v1/audiences/{id}}. */
@StackTest
class AudienceUploadIT {

  @LocalServerPort int port;
  @Autowired AudienceStore store;
  ApiClient api;

  @BeforeEach
  void setUp() {
    api = ApiClient.on(port);
  }

  @Test
  void plainTextUploadIsTrimmedDeduplicatedAndReportsInvalidLines() {
    String body = "openid\n o-1 \no-2\no-1\n\nnot an openid!\no-3\n";

    Answer a = api.post("/api/v1/audiences", "text/plain; charset=utf-8", body, Map.of());

    assertThat(a.status()).isEqualTo(201);
    String id = a.json().path("audience_id").asText();
    assertThat(id).matches("^aud-[0-9a-f]{64}$");
    assertThat(a.headers().firstValue("Location")).hasValue("/api/v1/audiences/" + id);
    assertThat(a.json().path("count").asLong()).isEqualTo(3);
    assertThat(a.json().path("duplicates_removed").asLong()).isEqualTo(1);
    assertThat(a.json().path("invalid_count").asLong()).isEqualTo(1);
    assertThat(a.json().path("invalid").get(0).path("line").asLong()).isEqualTo(6);
    assertThat(a.json().path("invalid").get(0).path("value").asText()).isEqualTo("not an openid!");
    assertThat(store.read(id, 0, 10)).containsExactly("o-1", "o-2", "o-3");
  }

  @Test
  void csvUploadTakesTheFirstColumn() {
    Answer a =
        api.post("/api/v1/audiences", "text/csv", "openid,tier\no-a,gold\no-b,silver\n", Map.of());

    assertThat(a.status()).isEqualTo(201);
    assertThat(a.json().path("count").asLong()).isEqualTo(2);
  }

  @Test
  void lookupAnswersTheCountOr404() {
    String id =
        api.post("/api/v1/audiences", "text/plain", "x-1\nx-2\n", Map.of())
            .json()
            .path("audience_id")
            .asText();

    Answer found = api.get("/api/v1/audiences/" + id);
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().path("audience_id").asText()).isEqualTo(id);
    assertThat(found.json().path("count").asLong()).isEqualTo(2);

    Answer missing = api.get("/api/v1/audiences/aud-ffffffffffffffff");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.error()).isEqualTo("not_found");
  }

  @Test
  void anUploadWithoutAValidOpenidAnswers400() {
    Answer a = api.post("/api/v1/audiences", "text/plain", "\n???\n", Map.of());

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("empty_audience");
  }

  @Test
  void aWrongContentTypeAnswers400() {
    Answer json = api.post("/api/v1/audiences", "application/json", "[\"o-1\"]", Map.of());
    Answer none = api.post("/api/v1/audiences", null, "o-1\n", Map.of());

    assertThat(json.status()).isEqualTo(400);
    assertThat(json.error()).isEqualTo("invalid_content_type");
    assertThat(none.status()).isEqualTo(400);
  }

  @Test
  void aLargeUploadIsStreamedThroughToTheStore() {
    int lines = 200_000;
    InputStream generated =
        new InputStream() {
          int line;
          byte[] current = new byte[0];
          int pos;

          @Override
          public int read() {
            if (pos == current.length) {
              if (line == lines) {
                return -1;
              }
              current = ("big-" + line++ + "\n").getBytes(StandardCharsets.US_ASCII);
              pos = 0;
            }
            return current[pos++];
          }
        };

    Answer a =
        api.post(
            "/api/v1/audiences",
            "text/plain",
            BodyPublishers.ofInputStream(() -> generated),
            Map.of());

    assertThat(a.status()).isEqualTo(201);
    assertThat(a.json().path("count").asLong()).isEqualTo(lines);
    assertThat(store.read(a.json().path("audience_id").asText(), lines - 1, lines))
        .containsExactly("big-199999");
  }

  @Test
  void aLineLongerThanMaxLineLengthAnswers400NamingTheLimit() {
    Answer a = api.post("/api/v1/audiences", "text/plain", "o-1\n" + "a".repeat(10_000), Map.of());

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("line_too_long");
    assertThat(a.json().path("message").asText())
        .isEqualTo("line 2 exceeds campaigns.audiences.max-line-length = 1024 bytes");
  }

  /** The declared size alone refuses it: the server answers before the body is sent. */
  @Test
  void aBodyDeclaredLargerThanMaxBytesAnswers413BeforeItIsRead() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("POST /api/v1/audiences HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Authorization: Bearer "
                      + TestTokens.MARKETER
                      + "\r\nContent-Type: text/plain\r\nContent-Length: "
                      + (1L << 40)
                      + "\r\n\r\no-1\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).startsWith("HTTP/1.1 413");
      String line;
      String body = null;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("{")) {
          body = line;
          break;
        }
      }
      assertThat(body)
          .contains("\"error\":\"payload_too_large\"")
          .contains("campaigns.audiences.max-bytes = 536870912 bytes");
    }
  }

  @Test
  void theConsolesUploadIsRefusedPastMaxLineLengthNamingTheLimit() throws Exception {
    ConsoleSession console = ConsoleSession.signIn(port, TestTokens.MARKETER);

    String refused = console.uploadAudience("long.txt", "o-1\n" + "a".repeat(5000) + "\n");
    String accepted = console.uploadAudience("short.txt", "o-1\no-2\no-1\n");

    assertThat(refused)
        .contains("line 2 exceeds campaigns.audiences.max-line-length = 1024 bytes")
        .doesNotContain("use-audience");
    assertThat(accepted).contains("use-audience").contains("aud-");
  }
}
