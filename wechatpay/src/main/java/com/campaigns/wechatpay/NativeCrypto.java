package com.campaigns.wechatpay;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Security;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every coupon costs one merchant signature (SHA256withRSA) and one verification of WeChat Pay's
 * answer, which the SDK asks the JDK's provider list for. The Amazon Corretto Crypto Provider
 * (AWS-LC, native) does them about four times faster than the JDK's {@code BigInteger} code; it is
 * put first in the list when the platform has its native library, and the JDK's provider stays
 * otherwise. Once per JVM; the outcome is logged and shown in {@code /actuator/info}.
 */
public final class NativeCrypto {

  private static final Logger log = LoggerFactory.getLogger(NativeCrypto.class);

  /**
   * What signs: the provider's name and version, whether it is native, and why not when not.
   *
   * @param provider e.g. {@code AmazonCorrettoCryptoProvider 2.5.0} or {@code SunRsaSign 17}
   */
  public record Status(String provider, boolean nativeProvider, String reason) {}

  private static Status status;

  private NativeCrypto() {}

  /**
   * Installs the native provider first unless {@code wanted} is false or the platform has no native
   * library; later calls answer the first outcome (a JVM has one provider list).
   */
  public static synchronized Status install(boolean wanted) {
    if (status != null) {
      return status;
    }
    if (!wanted) {
      status = jdk("turned off (campaigns.crypto.native-provider=false)");
    } else {
      status = tryNative();
    }
    if (status.nativeProvider()) {
      log.info("RSA signing and verifying with {} (native)", status.provider());
    } else {
      log.info("RSA signing and verifying with {}: {}", status.provider(), status.reason());
    }
    return status;
  }

  /** The outcome of {@link #install}, or null before it. */
  public static synchronized Status status() {
    return status;
  }

  private static Status tryNative() {
    AmazonCorrettoCryptoProvider accp;
    try {
      accp = AmazonCorrettoCryptoProvider.INSTANCE;
    } catch (LinkageError e) {
      return jdk("the native provider cannot be loaded here: " + e);
    }
    Throwable error = accp.getLoadingError();
    if (error != null) {
      return jdk("no native library for this platform: " + error.getMessage());
    }
    try {
      AmazonCorrettoCryptoProvider.install();
      accp.assertHealthy();
      return new Status(accp.getName() + " " + accp.getVersionStr(), true, null);
    } catch (RuntimeException | LinkageError e) {
      Security.removeProvider(accp.getName());
      return jdk("the native provider failed its self-test: " + e.getMessage());
    }
  }

  private static Status jdk(String reason) {
    java.security.Provider p;
    try {
      p = java.security.Signature.getInstance("SHA256withRSA").getProvider();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA256withRSA", e);
    }
    return new Status(p.getName() + " " + p.getVersionStr(), false, reason);
  }
}
