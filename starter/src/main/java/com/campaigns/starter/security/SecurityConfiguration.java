package com.campaigns.starter.security;

import com.campaigns.starter.codec.CodecServerProperties;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may do what (docs/security.md). Three filter chains:
 *
 * <ol>
 *   <li>{@code /codec/**}: codec or ops tokens by bearer header, codec tokens alone in the path,
 *       CORS for the Temporal Web UI, stateless;
 *   <li>the API ({@code /api/**}), the actuator, the OpenAPI document, the WeChat Pay callback and
 *       {@code /error}: bearer tokens, stateless, no session and so no CSRF; the callback is open
 *       (WeChat Pay signs it), health is open, Prometheus is for metrics and ops tokens, other
 *       actuator endpoints for ops;
 *   <li>everything else, the console: a login page where a token is entered once, then a session
 *       cookie (HttpOnly, SameSite=Lax; the session in the database) and CSRF tokens on every form
 *       and htmx request; no session before sign-in, throttled sign-ins, bodies refused unread
 *       before sign-in, and an absolute session lifetime.
 * </ol>
 *
 * The API chain never reads the session, so a console session cannot be used to call the API from
 * another site.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, CodecServerProperties.class})
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  static final String MARKETER = Role.MARKETER.name();
  static final String APPROVER = Role.APPROVER.name();
  static final String OPS = Role.OPS.name();
  static final String ADMIN = Role.ADMIN.name();
  static final String VIEWER = Role.VIEWER.name();
  static final String CODEC = Role.CODEC.name();
  static final String METRICS = Role.METRICS.name();

  /** The roles people hold; each reads campaigns. Machines' roles (codec, metrics) read nothing. */
  static final String[] PEOPLE = {MARKETER, APPROVER, OPS, ADMIN, VIEWER};

  @Bean
  ApiTokens apiTokens(SecurityProperties properties) {
    ApiTokens tokens = new ApiTokens(properties);
    if (tokens.isEmpty()) {
      log.warn(
          "campaigns.security.tokens is empty: every API call will be refused with 401 (docs/security.md)");
    } else {
      log.info("{} API tokens configured: {}", properties.tokens().size(), properties.tokens());
    }
    return tokens;
  }

  @Bean
  TokenAuthenticationProvider tokenAuthenticationProvider(ApiTokens tokens) {
    return new TokenAuthenticationProvider(tokens);
  }

  @Bean
  @Order(1)
  SecurityFilterChain codecChain(
      HttpSecurity http,
      ApiTokens tokens,
      CodecServerProperties codec,
      SecurityProperties properties)
      throws Exception {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(codec.allowedOrigins());
    cors.setAllowedMethods(List.of("POST", "GET", "OPTIONS"));
    cors.setAllowedHeaders(List.of("X-Namespace", "Content-Type", "Authorization", "Caller-Type"));
    cors.setAllowCredentials(true);
    cors.setMaxAge(1800L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/codec/**", cors);
    WebUiAccessTokens webUi =
        properties.webUiOidc() == null ? null : new WebUiAccessTokens(properties.webUiOidc());
    return stateless(http.securityMatcher("/codec/**"), tokens, true, webUi)
        .cors(c -> c.configurationSource(source))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(HttpMethod.OPTIONS, "/codec/**")
                    .permitAll()
                    .anyRequest()
                    .access(everyMerchant(CODEC, OPS)))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, SecurityProperties properties)
      throws Exception {
    http.securityMatcher(
        "/api/**",
        "/actuator/**",
        "/v3/api-docs/**",
        "/v3/api-docs",
        "/swagger-ui/**",
        "/swagger-ui.html",
        "/wechatpay/**",
        "/error");
    return stateless(http, tokens, false, null)
        .authorizeHttpRequests(
            a -> {
              a.requestMatchers("/error")
                  .permitAll()
                  .requestMatchers(HttpMethod.POST, "/wechatpay/notifications/coupon")
                  .permitAll()
                  .requestMatchers("/actuator/health", "/actuator/health/**")
                  .permitAll()
                  .requestMatchers("/actuator/prometheus")
                  .access(everyMerchant(METRICS, OPS))
                  .requestMatchers("/actuator/**")
                  .access(everyMerchant(OPS));
              if (properties.publicApiDocs()) {
                a.requestMatchers(
                        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                    .permitAll();
              } else {
                a.requestMatchers(
                        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                    .hasAnyRole(PEOPLE);
              }
              a.requestMatchers(
                      HttpMethod.POST, "/api/v1/campaigns/*/approve", "/api/v1/campaigns/*/reject")
                  .hasRole(APPROVER)
                  .requestMatchers(
                      HttpMethod.POST,
                      "/api/v1/campaigns/*/pause",
                      "/api/v1/campaigns/*/resume",
                      "/api/v1/campaigns/*/cancel")
                  .hasAnyRole(MARKETER, OPS)
                  .requestMatchers(HttpMethod.PUT, "/api/v1/merchants/*/callback")
                  .hasRole(ADMIN)
                  .requestMatchers(HttpMethod.POST, "/api/v1/campaigns/*/tidy-up")
                  .hasRole(OPS)
                  .requestMatchers(HttpMethod.GET, "/api/**")
                  .hasAnyRole(PEOPLE)
                  .requestMatchers(HttpMethod.HEAD, "/api/**")
                  .hasAnyRole(PEOPLE)
                  // Validate, create, reschedule, audiences, and any change not named above.
                  .requestMatchers("/api/**")
                  .hasRole(MARKETER)
                  .anyRequest()
                  .denyAll();
            })
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain consoleChain(
      HttpSecurity http, ConsoleSecurityProperties console, SignInThrottle throttle, Clock clock)
      throws Exception {
    // Anonymous visitors get no server session: the sign-in form's CSRF token and the page asked
    // for live in cookies, and a failed sign-in keeps no exception in a session.
    return http.authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/console/login",
                        "/console/*.css",
                        "/console/*.js",
                        "/webjars/**",
                        "/favicon.ico")
                    .permitAll()
                    .requestMatchers(
                        HttpMethod.POST,
                        "/console/campaigns/*/pause",
                        "/console/campaigns/*/resume",
                        "/console/campaigns/*/cancel")
                    .hasAnyRole(MARKETER, OPS)
                    .requestMatchers(
                        HttpMethod.POST,
                        "/console/campaigns/*/approve",
                        "/console/campaigns/*/reject")
                    .hasRole(APPROVER)
                    .requestMatchers(HttpMethod.POST, "/console/logout")
                    .authenticated()
                    .requestMatchers(HttpMethod.POST, "/console/**")
                    .hasRole(MARKETER)
                    .anyRequest()
                    .hasAnyRole(PEOPLE))
        .formLogin(
            f ->
                f.loginPage("/console/login")
                    .loginProcessingUrl("/console/login")
                    .usernameParameter("name")
                    .passwordParameter("token")
                    .defaultSuccessUrl("/console/campaigns", false)
                    .failureHandler(
                        SignInThrottleFilter.countingFailures(throttle, "/console/login?error")))
        .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
        .sessionManagement(s -> s.sessionFixation().changeSessionId())
        .requestCache(r -> r.requestCache(new ConsoleRequestCache()))
        .csrf(c -> c.csrfTokenRepository(new ConsoleCsrfTokenRepository("/console")))
        .addFilterBefore(
            new SessionLifetimeFilter(console.sessionMaxLifetime(), clock),
            SecurityContextHolderFilter.class)
        // Before the CSRF filter, which would parse a body looking for its _csrf parameter.
        .addFilterBefore(
            new UnreadBodyFilter("/console/login", Role.MARKETER.authority()), CsrfFilter.class)
        .addFilterBefore(new SignInThrottleFilter(throttle, "/console/login"), CsrfFilter.class)
        .httpBasic(AbstractHttpConfigurer::disable)
        .build();
  }

  /**
   * One of the roles, on a token that is not limited to some merchants: the codec decrypts any
   * campaign's payloads and the actuator's metrics count every merchant's coupons.
   */
  static AuthorizationManager<RequestAuthorizationContext> everyMerchant(String... roles) {
    AuthorizationManager<RequestAuthorizationContext> role =
        AuthorityAuthorizationManager.hasAnyRole(roles);
    return (authentication, context) -> {
      AuthorizationResult decision = role.authorize(authentication, context);
      if (decision == null || !decision.isGranted()) {
        return new AuthorizationDecision(false);
      }
      return new AuthorizationDecision(
          !(authentication.get().getPrincipal() instanceof ApiUser user && user.scoped()));
    };
  }

  /** Bearer tokens only: no session, no cookies, so no CSRF either; JSON refusals. */
  private static HttpSecurity stateless(
      HttpSecurity http, ApiTokens tokens, boolean tokenInCodecPath, WebUiAccessTokens webUi)
      throws Exception {
    return http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(
            c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .anonymous(Customizer.withDefaults())
        .addFilterBefore(
            new BearerTokenFilter(tokens, tokenInCodecPath, webUi), BasicAuthenticationFilter.class)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) ->
                            SecurityErrors.unauthorized(
                                response,
                                "this call needs a bearer token (Authorization: Bearer <token>)",
                                false))
                    // The path is not echoed: on the codec endpoint it may hold the token.
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            SecurityErrors.forbidden(
                                response,
                                "this token's role may not make this call (docs/security.md)")));
  }
}
