package com.campaigns.starter.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its {@code Authorization: Bearer <token>} header. A request without
 * one goes on anonymous (and is refused where a role is needed); a wrong or malformed one is
 * refused at once with 401. For the codec endpoint a codec-role token may instead be the path
 * segment after {@code /codec/}, because the Temporal Web UI cannot add a header of its own.
 *
 * <p>Not a bean: a {@code Filter} bean would be registered by Spring Boot for every request.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

  static final String CODEC_PREFIX = "/codec/";

  private final ApiTokens tokens;
  private final boolean tokenInCodecPath;
  private final WebUiAccessTokens webUi;

  /**
   * @param tokenInCodecPath the codec chain: a codec token may be in the path
   * @param webUi the codec chain with an identity provider configured: the Web UI's pass-through of
   *     its user's access token; null elsewhere
   */
  BearerTokenFilter(ApiTokens tokens, boolean tokenInCodecPath, WebUiAccessTokens webUi) {
    this.tokens = tokens;
    this.tokenInCodecPath = tokenInCodecPath;
    this.webUi = webUi;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    String token;
    boolean inPath = false;
    if (header != null) {
      if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        SecurityErrors.unauthorized(
            response, "the Authorization header must be 'Bearer <token>'", true);
        return;
      }
      token = header.substring(7).strip();
    } else {
      token = tokenInCodecPath ? pathToken(request) : null;
      inPath = token != null;
    }
    if (token == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiUser> user = tokens.authenticate(token);
    if (user.isEmpty() && !inPath && webUi != null && WebUiAccessTokens.looksLikeJwt(token)) {
      user = webUi.authenticate(token);
    }
    if (user.isEmpty()) {
      SecurityErrors.unauthorized(response, "the token is not valid", true);
      return;
    }
    if (inPath && !user.get().roles().equals(Set.of(Role.CODEC))) {
      // A URL is read by every Web UI user and kept in logs: only a token that opens nothing but
      // the codec may be in one.
      SecurityErrors.unauthorized(
          response, "only a codec-role token may be sent in the URL path", true);
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            user.get(), null, user.get().authorities()));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  /** {@code /codec/<token>/decode} → the token; null for {@code /codec/decode}. */
  static String pathToken(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith(CODEC_PREFIX)) {
      return null;
    }
    String rest = path.substring(CODEC_PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return null;
    }
    try {
      return URLDecoder.decode(rest.substring(0, slash), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return rest.substring(0, slash);
    }
  }
}
