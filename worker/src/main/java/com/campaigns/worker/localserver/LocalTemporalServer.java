package com.campaigns.worker.localserver;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Java test server from temporal-testing as a standalone gRPC server, for the launcher when the
 * real Temporal CLI cannot be installed: {@code ./campaigns up} runs it from the worker's jar with
 * {@code -Dloader.main=com.campaigns.worker.localserver.LocalTemporalServer}.
 *
 * <p>It does what {@code io.temporal.testserver.TestServer.main} does (time skipping locked, so
 * time runs as on a real server), but binds one address (127.0.0.1 by default) instead of every
 * interface. No Web UI, no persistence, no visibility queries: see docs/deployment.md.
 *
 * <p>Usage: {@code LocalTemporalServer [port [address]]}, default 7233 on 127.0.0.1.
 */
public final class LocalTemporalServer {

  private LocalTemporalServer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7233;
    String address = args.length > 1 ? args[1] : "127.0.0.1";
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(address, port), InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown();
                  try {
                    server.awaitTermination(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  services.close();
                },
                "local-temporal-server-shutdown"));
    System.out.println("Temporal test server listening on " + address + ":" + port);
    server.awaitTermination();
  }
}
