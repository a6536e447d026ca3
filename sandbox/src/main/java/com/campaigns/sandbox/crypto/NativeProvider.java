package com.campaigns.sandbox.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Security;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * WeChat Pay signs every answer and verifies every request: on the shared bench box the sandbox's
 * RSA competes with the product's for the same cores, so it signs natively too when the platform
 * has the native library ({@code sandbox.native-crypto}, default true), as the real WeChat Pay's
 * servers are not slowed by the JDK's {@code BigInteger} code either.
 */
@Component
public class NativeProvider {

  private static final Logger log = LoggerFactory.getLogger(NativeProvider.class);

  private final String active;

  NativeProvider(@Value("${sandbox.native-crypto:true}") boolean wanted) {
    this.active = wanted ? install() : "the JDK's (sandbox.native-crypto=false)";
    log.info("sandbox RSA with {}", active);
  }

  /** The provider that signs, as logged. */
  public String active() {
    return active;
  }

  private static synchronized String install() {
    AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
    if (accp.getLoadingError() != null) {
      return "the JDK's (no native library here)";
    }
    if (Security.getProvider(accp.getName()) == null) {
      AmazonCorrettoCryptoProvider.install();
      try {
        accp.assertHealthy();
      } catch (RuntimeException e) {
        Security.removeProvider(accp.getName());
        return "the JDK's (the native provider failed its self-test)";
      }
    }
    return accp.getName() + " " + accp.getVersionStr();
  }
}
