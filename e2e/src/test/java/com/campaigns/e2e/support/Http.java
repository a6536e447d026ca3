package com.campaigns.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** JSON over HTTP against one base URL; every answer keeps its status and raw body for messages. */
public final class Http {

  public static final ObjectMapper JSON = new ObjectMapper();

  /** A status and the body, parsed when it is JSON (a missing node otherwise). */
  public record Answer(int status, String body) {

    public JsonNode json() {
      try {
        return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
      } catch (IOException e) {
        return JSON.missingNode();
      }
    }

    /** The raw body; fails, quoting it, unless the status is 200. */
    public String expect200Text() {
      expect(200);
      return body;
    }

    /** The parsed body; fails, quoting the body, unless the status is {@code expected}. */
    public JsonNode expect(int expected) {
      if (status != expected) {
        throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
      }
      return json();
    }
  }

  private final String base;
  private final String token;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Http(String base) {
    this(base, null);
  }

  /** Calls that send {@code Authorization: Bearer <token>} (the API's marketer or ops token). */
  public Http(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The same base URL with another bearer token. */
  public Http withToken(String other) {
    return new Http(base, other);
  }

  public String base() {
    return base;
  }

  public Answer get(String path) {
    return send(request(path).GET());
  }

  /** GET of a text resource such as /actuator/prometheus. */
  public Answer getText(String path) {
    return send(
        authorized(HttpRequest.newBuilder(URI.create(base + path)))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "text/plain")
            .GET());
  }

  public Answer post(String path, Object body) {
    return post(path, body, Map.of());
  }

  public Answer post(String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder r =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8));
    headers.forEach(r::header);
    return send(r);
  }

  /** A text/plain body, e.g. an audience upload (one openid per line). */
  public Answer postText(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  public Answer put(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8)));
  }

  public Answer delete(String path) {
    return send(request(path).DELETE());
  }

  /** True when GET {@code path} answers 200 within two seconds. */
  public boolean ok(String path) {
    try {
      HttpResponse<Void> r =
          client.send(
              authorized(HttpRequest.newBuilder(URI.create(base + path)))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private HttpRequest.Builder request(String path) {
    return authorized(HttpRequest.newBuilder(URI.create(base + path)))
        .timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json");
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private Answer send(HttpRequest.Builder request) {
    HttpRequest r = request.build();
    try {
      HttpResponse<String> response =
          client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(r.method() + " " + r.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(r.method() + " " + r.uri() + " interrupted", e);
    }
  }

  private static String write(Object body) {
    try {
      return body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
