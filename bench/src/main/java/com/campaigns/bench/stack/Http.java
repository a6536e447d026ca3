package com.campaigns.bench.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to the API, the sandbox's admin API and the worker's actuator. */
public final class Http {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String bearer;

  public Http(String base, String bearer) {
    this.base = base;
    this.bearer = bearer;
  }

  public String base() {
    return base;
  }

  public boolean ok(String path) {
    return send(request(path).GET()).statusCode() / 100 == 2;
  }

  public String text(String path) {
    return expect2xx("GET " + path, send(request(path).GET()));
  }

  public JsonNode get(String path) {
    return parse(text(path));
  }

  public JsonNode post(String path, String contentType, HttpRequest.BodyPublisher body) {
    HttpResponse<String> r = send(request(path).header("Content-Type", contentType).POST(body));
    return parse(expect2xx("POST " + path, r));
  }

  public JsonNode postJson(String path, Object body) {
    try {
      return post(
          path,
          "application/json",
          HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
    return bearer == null ? b : b.header("Authorization", "Bearer " + bearer);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String expect2xx(String what, HttpResponse<String> r) {
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static JsonNode parse(String body) {
    try {
      return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}
