package com.campaigns.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

class SessionLifetimeFilterTest {

  @Test
  void aSessionYoungerThanItsLifetimeIsKept() throws Exception {
    MockHttpSession session = new MockHttpSession();
    filter(session, Duration.ofHours(12).minusSeconds(1));
    assertThat(session.isInvalid()).isFalse();
  }

  @Test
  void aSessionAsOldAsItsLifetimeIsEndedWhateverItsLastAccess() throws Exception {
    MockHttpSession session = new MockHttpSession();
    session.access();
    MockHttpServletRequest request = filter(session, Duration.ofHours(12));
    assertThat(session.isInvalid()).isTrue();
    assertThat(request.getSession(false)).isNull();
  }

  @Test
  void noSessionNoneIsCreated() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest();
    new SessionLifetimeFilter(Duration.ofHours(12), Clock.systemUTC())
        .doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
    assertThat(request.getSession(false)).isNull();
  }

  /** Runs the filter with the clock this long after the session was created. */
  private static MockHttpServletRequest filter(MockHttpSession session, Duration age)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setSession(session);
    Clock clock =
        Clock.fixed(Instant.ofEpochMilli(session.getCreationTime()).plus(age), ZoneOffset.UTC);
    new SessionLifetimeFilter(Duration.ofHours(12), clock)
        .doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
    return request;
  }
}
