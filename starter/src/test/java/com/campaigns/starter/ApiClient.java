package com.campaigns.starter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Plain HTTP calls to the application under test; non-2xx answers are returned, not thrown. A
 * client made by {@link #on(int)} sends the marketer's test token ({@link TestTokens}); {@link
 * #as(String)} switches token and {@link #anonymous()} sends none. A request that sets its own
 * {@code Authorization} header keeps it.
 */
public final class ApiClient {

  /** One answer: status, headers and body (JSON parsed when it is JSON). */
  public record Answer(int status, java.net.http.HttpHeaders headers, String text, JsonNode json) {

    public String error() {
      return json == null ? null : json.path("error").asText(null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  /** A client that sends no token (the sandbox, or the API anonymously). */
  public ApiClient(String base) {
    this(base, null);
  }

  private ApiClient(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The API on that port, as the test marketer. */
  public static ApiClient on(int port) {
    return new ApiClient("http://127.0.0.1:" + port, TestTokens.MARKETER);
  }

  /** The same base URL with another bearer token. */
  public ApiClient as(String otherToken) {
    return new ApiClient(base, otherToken);
  }

  public ApiClient anonymous() {
    return new ApiClient(base, null);
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Answer postJson(String path, Object body) {
    return post(path, "application/json", body instanceof String s ? s : write(body), Map.of());
  }

  public Answer post(String path, String contentType, String body, Map<String, String> headers) {
    return post(path, contentType, BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers);
  }

  public Answer post(
      String path, String contentType, BodyPublisher body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(body);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    return send(b);
  }

  public Answer send(HttpRequest.Builder request) {
    try {
      HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
      if (token != null && built.headers().firstValue("Authorization").isEmpty()) {
        built =
            HttpRequest.newBuilder(built, (name, value) -> true)
                .header("Authorization", "Bearer " + token)
                .build();
      }
      HttpResponse<String> r =
          http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode json = null;
      String type = r.headers().firstValue("Content-Type").orElse("");
      if (type.contains("json") && !r.body().isEmpty()) {
        json = JSON.readTree(r.body());
      }
      return new Answer(r.statusCode(), r.headers(), r.body(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public URI uri(String path) {
    return URI.create(base + path);
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
