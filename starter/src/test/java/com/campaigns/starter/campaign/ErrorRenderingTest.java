package com.campaigns.starter.campaign;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.Status;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Failures the full stack cannot easily produce (a web slice with the service mocked): each still
 * gets the SPEC's error body, and none leaks its message or a stack trace.
 */
@WebMvcTest(CampaignController.class)
@WithMockUser
class ErrorRenderingTest {

  @Autowired MockMvc mvc;
  @MockitoBean CampaignService campaigns;
  @MockitoBean CampaignTimelines timelines;

  @Test
  void anUnexpectedFailureIs500WithoutItsMessageOrStackTrace() throws Exception {
    when(campaigns.status(any())).thenThrow(new IllegalStateException("db password is hunter2"));

    mvc.perform(get("/api/v1/campaigns/x"))
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

    mvc.perform(get("/api/v1/campaigns/x"))
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

    mvc.perform(get("/api/v1/campaigns/x"))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.error").value("internal_error"))
        .andExpect(content().string(Matchers.not(Matchers.containsString("CampaignId"))));
  }

  @Test
  void anUnreachableDatabaseIs503() throws Exception {
    when(campaigns.list(java.util.Set.of(), null, null))
        .thenThrow(new DataAccessResourceFailureException("jdbc:postgresql://secret-host"));

    mvc.perform(get("/api/v1/campaigns"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error").value("database_unavailable"))
        .andExpect(content().string(Matchers.not(Matchers.containsString("secret-host"))));
  }
}
