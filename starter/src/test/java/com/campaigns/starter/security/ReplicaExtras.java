package com.campaigns.starter.security;

import com.campaigns.starter.security.ConsoleSessionIT.ShiftedClock;
import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What {@link ConsoleSessionIT}'s second replica has beyond the application: a clock the test
 * moves, and a probe recording how many body bytes the application read from the client per request
 * (Tomcat's count, multipart parsing included), by the request's {@code X-Probe} header. Not nested
 * in the test class: a nested configuration would be added to the shared test stack's context too,
 * making it a context of its own.
 */
@TestConfiguration(proxyBeanMethods = false)
class ReplicaExtras {

  @Bean
  @Primary
  ShiftedClock replicaClock() {
    return new ShiftedClock();
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> bytesReadProbe() {
    return factory ->
        factory.addContextValves(
            new ValveBase() {
              @Override
              public void invoke(Request request, Response response)
                  throws IOException, ServletException {
                try {
                  getNext().invoke(request, response);
                } finally {
                  String probe = request.getHeader("X-Probe");
                  if (probe != null) {
                    ConsoleSessionIT.bytesRead.put(
                        probe, request.getCoyoteRequest().getBytesRead());
                  }
                }
              }
            });
  }
}
