package com.campaigns.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * TCP ports on 127.0.0.1: free ones (never the local stack's fixed ports) and a check that one is
 * taken.
 */
public final class Ports {

  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private Ports() {}

  /**
   * A free port that is none of {@link Pinned#RESERVED_PORTS} and was not handed out before in this
   * JVM.
   */
  public static synchronized int free() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (!Pinned.RESERVED_PORTS.contains(port) && HANDED_OUT.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port on 127.0.0.1");
  }

  /** Whether something accepts connections on 127.0.0.1:port. */
  public static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
