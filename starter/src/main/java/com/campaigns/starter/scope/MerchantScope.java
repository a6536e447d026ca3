package com.campaigns.starter.scope;

import com.campaigns.starter.campaign.KnownCampaigns;
import com.campaigns.starter.security.ApiUser;
import com.campaigns.starter.system.RequestRejected;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Checks every API and console request of a scoped token before its handler runs: a path's {@code
 * {mchid}}, a lookup's {@code ?mchid=} and the merchant of a path's campaign {@code {id}} must be
 * one of the token's merchants, or the answer is the very 404 an unknown merchant or campaign gets,
 * so a token cannot probe what exists beyond its scope. Lists and starts filter by the same rule in
 * their services ({@code Operator#seesMerchant}).
 */
final class MerchantScope implements HandlerInterceptor {

  private final KnownCampaigns campaigns;

  MerchantScope(KnownCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    ApiUser user = currentUser();
    if (user == null || !user.scoped()) {
      return true;
    }
    @SuppressWarnings("unchecked")
    Map<String, String> path =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (path != null) {
      String mchid = path.get("mchid");
      if (mchid != null && !user.seesMerchant(mchid)) {
        throw RequestRejected.unknownMerchant(mchid);
      }
      String id = path.get("id");
      if (id != null && campaignPath(request)) {
        // A malformed or unknown id is 404 here already.
        if (!user.seesMerchant(campaigns.entry(id).mchid())) {
          throw KnownCampaigns.unknown(id);
        }
      }
    }
    // From the query string only: reading parameters of a form or multipart body would parse it.
    if (request.getQueryString() != null) {
      List<String> asked =
          UriComponentsBuilder.newInstance()
              .query(request.getQueryString())
              .build()
              .getQueryParams()
              .getOrDefault("mchid", List.of());
      for (String mchid : asked) {
        if (!user.seesMerchant(mchid)) {
          throw RequestRejected.unknownMerchant(mchid);
        }
      }
    }
    return true;
  }

  private static boolean campaignPath(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/api/v1/campaigns/") || path.startsWith("/console/campaigns/");
  }

  private static ApiUser currentUser() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null && auth.getPrincipal() instanceof ApiUser u ? u : null;
  }
}
