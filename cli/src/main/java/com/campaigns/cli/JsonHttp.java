package com.campaigns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** JSON over HTTP for one base URL. Every failure names the call, the status and the body. */
public final class JsonHttp {

  /** An answer that was not the expected one, or no answer at all. */
  public static final class CallFailed extends RuntimeException {
    private final int status;
    private final String body;

    public CallFailed(String message, int status, String body, Throwable cause) {
      super(message, cause);
      this.status = status;
      this.body = body;
    }

    /** The HTTP status, or -1 when there was no answer. */
    public int status() {
      return status;
    }

    public String body() {
      return body;
    }
  }

  /** A status and a parsed body (null node when empty or not JSON). */
  public record Answer(int status, JsonNode json, String body) {}

  public static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http;
  private final String token;

  public JsonHttp(String base) {
    this(base, null);
  }

  /**
   * @param token sent as {@code Authorization: Bearer} on every call when not null; never printed
   */
  public JsonHttp(String base, String token) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    this.token = token;
  }

  public String base() {
    return base;
  }

  public Answer get(String path) {
    return send(request(path).GET().build());
  }

  public Answer postJson(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8))
            .build());
  }

  public Answer postText(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType + "; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  /**
   * The answer's JSON when its status is one of {@code expected}; a {@link CallFailed} otherwise.
   */
  public static JsonNode expect(String what, Answer answer, int... expected) {
    for (int status : expected) {
      if (answer.status() == status) {
        return answer.json();
      }
    }
    throw new CallFailed(
        what + " answered HTTP " + answer.status() + ": " + abbreviate(answer.body()),
        answer.status(),
        answer.body(),
        null);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), parse(response.body()), response.body());
    } catch (IOException e) {
      throw new CallFailed(request.method() + " " + request.uri() + " failed: " + e, -1, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallFailed(request.method() + " " + request.uri() + " interrupted", -1, null, e);
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.nullNode();
    }
  }

  private static String write(Object body) {
    try {
      return body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String abbreviate(String body) {
    if (body == null) {
      return "(no body)";
    }
    String oneLine = body.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 600 ? oneLine.substring(0, 600) + "…" : oneLine;
  }
}
