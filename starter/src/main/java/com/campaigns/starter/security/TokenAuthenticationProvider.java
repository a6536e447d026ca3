package com.campaigns.starter.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The console's login: the form's {@code token} field is the credential (there is no user name).
 * Machines' tokens (codec, metrics) do not sign in. Being an {@code AuthenticationProvider} bean,
 * it also keeps Spring Boot from creating its default user with a generated password, which it
 * would print in the log.
 */
final class TokenAuthenticationProvider implements AuthenticationProvider {

  private final ApiTokens tokens;

  TokenAuthenticationProvider(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    Object credentials = authentication.getCredentials();
    ApiUser user =
        tokens
            .authenticate(credentials == null ? null : credentials.toString().strip())
            .filter(u -> u.roles().stream().anyMatch(Role::reads))
            .orElseThrow(() -> new BadCredentialsException("the token is not valid"));
    return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
