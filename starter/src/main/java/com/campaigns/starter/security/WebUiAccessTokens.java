package com.campaigns.starter.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The Temporal Web UI's pass-through of its signed-in user's OIDC access token ({@code
 * codec.passAccessToken: true} in the ui-server): on the codec endpoint only, a JWT signed by the
 * identity provider, issued by it, unexpired, for the configured audience, whose claim names one of
 * the configured groups, decodes as that user. The token never opens the API.
 */
final class WebUiAccessTokens {

  private final NimbusJwtDecoder decoder;
  private final SecurityProperties.WebUiOidc settings;

  WebUiAccessTokens(SecurityProperties.WebUiOidc settings) {
    this.settings = settings;
    NimbusJwtDecoder d =
        settings.jwkSetUri() != null
            ? NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build()
            : NimbusJwtDecoder.withPublicKey(publicKey(settings.publicKeyLocation())).build();
    List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
    checks.add(JwtValidators.createDefaultWithIssuer(settings.issuer()));
    if (settings.audience() != null) {
      checks.add(
          new JwtClaimValidator<Collection<String>>(
              "aud", aud -> aud != null && aud.contains(settings.audience())));
    }
    d.setJwtValidator(new DelegatingOAuth2TokenValidator<>(checks));
    this.decoder = d;
  }

  /** Whether the presented bearer value has a JWT's shape (three dot-separated parts). */
  static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }

  /**
   * The user of a valid access token: the codec role when the claim names a configured group, no
   * role otherwise (authenticated, then refused with 403); empty when the token is not valid.
   */
  Optional<ApiUser> authenticate(String jwt) {
    Jwt decoded;
    try {
      decoded = decoder.decode(jwt);
    } catch (JwtException e) {
      return Optional.empty();
    }
    Object claim = decoded.getClaims().get(settings.claim());
    List<String> values =
        claim instanceof Collection<?> c
            ? c.stream().map(String::valueOf).toList()
            : claim == null ? List.of() : List.of(String.valueOf(claim));
    boolean decodes = values.stream().anyMatch(settings.codecValues()::contains);
    String who = decoded.getClaimAsString("preferred_username");
    String name = "web-ui:" + (who != null ? who : decoded.getSubject());
    return Optional.of(new ApiUser(name, decodes ? Set.of(Role.CODEC) : Set.of(), Set.of()));
  }

  private static RSAPublicKey publicKey(String location) {
    try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
      String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "campaigns.security.web-ui-oidc.public-key-location cannot be read: " + location, e);
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "campaigns.security.web-ui-oidc.public-key-location is not a PEM RSA public key: "
              + location,
          e);
    }
  }
}
