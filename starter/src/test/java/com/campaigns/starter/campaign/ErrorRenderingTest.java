package com.campaigns.starter.campaign;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.campaigns.starter.security.ApiUser;
import com.campaigns.starter.security.Role;
import io.grpc.Status;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Failures the full stack cannot easily produce (a web slice with the service mocked): each still
 * gets the SPEC's error body, and none leaks its message or a stack trace.
 */
@WebMvcTest(CampaignController.class)
class ErrorRenderingTest {

  @Autowired MockMvc mvc;
  @MockitoBean CampaignService campaigns;
  @MockitoBean CampaignTimelines timelines;
  @MockitoBean KnownCampaigns known;

  /** A viewer's token, as the real filter chain would have authenticated it. */
  private static RequestPostProcessor viewer() {
    ApiUser user = new ApiUser("v", Role.VIEWER);
    return authentication(
        UsernamePasswordAuthenticationToken.authenticated(
            user, null, List.of(new SimpleGrantedAuthority(Role.VIEWER.authority()))));
  }

  @Test
  void anUnexpectedFailureIs500WithoutItsMessageOrStackTrace() throws Exception {
    when(campaigns.status(any())).thenThrow(new IllegalStateException("db password is hunter2"));

    mvc.perform(get("/api/v1/campaigns/x").with(viewer()))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.error").value("internal_error"))
        .andExpect(content().string(Matchers.not(Matchers.containsString("hunter2"))))
        .andExpect(
            content().string(Matchers.not(Matchers.containsString("IllegalStateException"))));
  }

  @Test
  void anUnreachableTemporalServiceIs503() throws Exception {
    when(campaigns.status(any()))
        .thenThrow(Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException());

    mvc.perform(get("/api/v1/campaigns/x").with(viewer()))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error").value("temporal_unavailable"))
        .andExpect(content().string(Matchers.not(Matchers.containsString("refused"))));
  }

  @Test
  void aRefusalByTemporalIs500NotARetryableOutage() throws Exception {
    when(campaigns.status(any()))
        .thenThrow(
            Status.INVALID_ARGUMENT
                .withDescription("search attribute CampaignId is not defined")
                .asRuntimeException());

    mvc.perform(get("/api/v1/campaigns/x").with(viewer()))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.error").value("internal_error"))
        .andExpect(content().string(Matchers.not(Matchers.containsString("CampaignId"))));
  }

  @Test
  void anUnreachableDatabaseIs503() throws Exception {
    when(campaigns.list(any(), any(), any()))
        .thenThrow(new DataAccessResourceFailureException("jdbc:postgresql://secret-host"));

    mvc.perform(get("/api/v1/campaigns").with(viewer()))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error").value("database_unavailable"))
        .andExpect(content().string(Matchers.not(Matchers.containsString("secret-host"))));
  }
}
