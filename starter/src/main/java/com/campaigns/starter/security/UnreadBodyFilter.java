package com.campaigns.starter.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses console request bodies before anything reads them, ahead of the CSRF filter: that filter
 * looks for a {@code _csrf} request parameter, and asking a multipart or form request for a
 * parameter makes Tomcat read and parse (and spool to disk) the whole body. So:
 *
 * <ul>
 *   <li>an anonymous caller may post only the sign-in form: a small {@code
 *       application/x-www-form-urlencoded} body of known length ({@value #MAX_SIGN_IN_BYTES} bytes
 *       at most; else 415 or 413); any other post is sent to the sign-in page unread;
 *   <li>a multipart body (an audience upload) is read only from a marketer, the one role that may
 *       upload; anyone else gets 403 unread.
 * </ul>
 *
 * Refusals close the connection, so Tomcat does not go on swallowing the rest of a large body.
 */
final class UnreadBodyFilter extends OncePerRequestFilter {

  static final int MAX_SIGN_IN_BYTES = 4096;

  private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
  private final String signInPath;
  private final String uploaderAuthority;

  /**
   * @param signInPath the sign-in form's path, the one post anonymous callers may make
   * @param uploaderAuthority the authority that may send multipart bodies
   */
  UnreadBodyFilter(String signInPath, String uploaderAuthority) {
    this.signInPath = signInPath;
    this.uploaderAuthority = uploaderAuthority;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    return HttpMethod.GET.matches(method)
        || HttpMethod.HEAD.matches(method)
        || HttpMethod.OPTIONS.matches(method);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    boolean anonymous = user == null || !user.isAuthenticated() || trust.isAnonymous(user);
    String type = request.getContentType() == null ? "" : request.getContentType();
    boolean multipart = type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    String path = request.getRequestURI().substring(request.getContextPath().length());

    if (anonymous && path.equals(signInPath)) {
      if (!type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        refuse(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        return;
      }
      long length = request.getContentLengthLong();
      if (length < 0 || length > MAX_SIGN_IN_BYTES) {
        refuse(response, HttpStatus.PAYLOAD_TOO_LARGE);
        return;
      }
    } else if (anonymous) {
      response.setHeader("Connection", "close");
      response.sendRedirect(request.getContextPath() + signInPath);
      return;
    } else if (multipart
        && user.getAuthorities().stream()
            .noneMatch(a -> uploaderAuthority.equals(a.getAuthority()))) {
      refuse(response, HttpStatus.FORBIDDEN);
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, HttpStatus status) throws IOException {
    response.setHeader("Connection", "close");
    response.sendError(status.value());
  }
}
