package com.campaigns.starter.security;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code campaigns.security.*}: the API's tokens. Only the SHA-256 of a token is configured, never
 * the token ({@code printf %s "$TOKEN" | sha256sum}); rotating one means adding the new token's
 * entry, handing the token out, then removing the old entry.
 *
 * @param tokens every accepted token: {@code name} (recorded as the operator of what it does, at
 *     most 64 printable characters, unique), {@code role} or {@code roles} (marketer, approver,
 *     ops, admin, viewer, codec, metrics), {@code sha256} (64 hex digits) and {@code mchids} (the
 *     merchants it may see; none: all)
 * @param publicApiDocs true serves the OpenAPI document and Swagger UI without a token (the local
 *     profile); otherwise they need one, of any person's role
 * @param webUiOidc when set, the codec endpoint also accepts the Temporal Web UI's pass-through of
 *     its user's OIDC access token (docs/security.md)
 */
@ConfigurationProperties("campaigns.security")
public record SecurityProperties(
    List<Token> tokens, @DefaultValue("false") boolean publicApiDocs, WebUiOidc webUiOidc) {

  /**
   * {@code campaigns.security.web-ui-oidc.*}: the identity provider the Temporal Web UI signs its
   * users in with.
   *
   * @param issuer the tokens' {@code iss}, required
   * @param jwkSetUri the provider's JWK set, or
   * @param publicKeyLocation a PEM RSA public key ({@code file:…}) when the provider has no JWK set
   * @param audience the {@code aud} the tokens must carry (optional)
   * @param claim the claim listing the user's groups ({@code groups} by default)
   * @param codecValues the groups whose users may decode payloads
   */
  public record WebUiOidc(
      String issuer,
      String jwkSetUri,
      String publicKeyLocation,
      String audience,
      @DefaultValue("groups") String claim,
      List<String> codecValues) {

    public WebUiOidc {
      if (issuer == null || issuer.isBlank()) {
        throw new IllegalArgumentException("campaigns.security.web-ui-oidc.issuer is required");
      }
      if ((jwkSetUri == null) == (publicKeyLocation == null)) {
        throw new IllegalArgumentException(
            "campaigns.security.web-ui-oidc needs exactly one of jwk-set-uri and"
                + " public-key-location");
      }
      codecValues = codecValues == null ? List.of() : List.copyOf(codecValues);
      if (codecValues.isEmpty()) {
        throw new IllegalArgumentException(
            "campaigns.security.web-ui-oidc.codec-values must name the groups whose users may"
                + " decode");
      }
    }
  }

  /** One configured token. */
  public record Token(
      String name, Role role, List<Role> roles, String sha256, List<String> mchids) {

    public Token {
      if (name == null
          || name.isBlank()
          || name.length() > 64
          || name.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "campaigns.security.tokens[].name must be 1 to 64 printable characters");
      }
      Set<Role> all = new HashSet<>(roles == null ? List.of() : roles);
      if (role != null) {
        all.add(role);
      }
      if (all.isEmpty()) {
        throw new IllegalArgumentException(
            "campaigns.security.tokens[] '"
                + name
                + "' has no role (role or roles: marketer, approver, ops, admin, viewer, codec,"
                + " metrics)");
      }
      if (all.stream().anyMatch(r -> !r.reads()) && all.size() > 1) {
        throw new IllegalArgumentException(
            "campaigns.security.tokens[] '"
                + name
                + "': a codec or metrics token holds that one role only (it may travel where"
                + " people can read it)");
      }
      if (sha256 == null || !sha256.strip().matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException(
            "campaigns.security.tokens[] '"
                + name
                + "': sha256 must be the 64 hex digits of the token's SHA-256, not the token");
      }
      for (String m : mchids == null ? List.<String>of() : mchids) {
        if (m == null || !m.strip().matches("[0-9]{1,32}")) {
          throw new IllegalArgumentException(
              "campaigns.security.tokens[] '"
                  + name
                  + "': mchids holds '"
                  + m
                  + "', not a merchant id (digits)");
        }
      }
      name = name.strip();
      role = null;
      roles = List.copyOf(all);
      sha256 = sha256.strip().toLowerCase(Locale.ROOT);
      mchids = mchids == null ? List.of() : mchids.stream().map(String::strip).toList();
    }

    ApiUser user() {
      return new ApiUser(name, Set.copyOf(roles), Set.copyOf(mchids));
    }

    @Override
    public String toString() {
      return "Token[name="
          + name
          + ", roles="
          + user().roleNames()
          + (mchids.isEmpty() ? "" : ", mchids=" + mchids)
          + "]";
    }
  }

  public SecurityProperties {
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
    Set<String> names = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (Token t : tokens) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException(
            "campaigns.security.tokens: the name '" + t.name() + "' is used twice");
      }
      if (!hashes.add(t.sha256())) {
        throw new IllegalArgumentException(
            "campaigns.security.tokens: '" + t.name() + "' has the same token as another entry");
      }
    }
  }
}
