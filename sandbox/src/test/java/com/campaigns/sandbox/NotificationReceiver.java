package com.campaigns.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/** A small HTTP endpoint that records notifications (headers and raw body) and answers as told. */
final class NotificationReceiver implements AutoCloseable {

  record Received(Map<String, String> headers, String body) {}

  private final HttpServer server;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger calls = new AtomicInteger();

  NotificationReceiver(IntSupplier status) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/notify",
        exchange -> {
          calls.incrementAndGet();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Map<String, String> headers = new java.util.HashMap<>();
          for (String name :
              List.of(
                  "Wechatpay-Timestamp",
                  "Wechatpay-Nonce",
                  "Wechatpay-Signature",
                  "Wechatpay-Serial",
                  "Wechatpay-Signature-Type",
                  "Request-ID",
                  "Content-Type")) {
            headers.put(name, exchange.getRequestHeaders().getFirst(name));
          }
          received.add(new Received(headers, body));
          exchange.sendResponseHeaders(status.getAsInt(), -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
