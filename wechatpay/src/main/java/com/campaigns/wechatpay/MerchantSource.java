package com.campaigns.wechatpay;

import java.util.List;

/**
 * What one source says about one merchant: usable credentials, or the problems that prevent their
 * use. The fingerprint (a hash over every field, secrets included) tells a rotation from an
 * unchanged merchant without keeping or showing the secrets themselves.
 *
 * @param mchid the merchant
 * @param source where the credentials come from (a folder, the inline properties, the sandbox)
 * @param credentials null when {@code problems} is not empty
 * @param problems empty when the credentials can be used
 * @param fingerprint SHA-256 over the raw inputs; equal fingerprints mean nothing changed
 */
public record MerchantSource(
    String mchid,
    String source,
    MerchantCredentials credentials,
    List<MerchantProblem> problems,
    String fingerprint) {

  public boolean valid() {
    return credentials != null && problems.isEmpty();
  }

  static MerchantSource of(
      MerchantCredentials credentials,
      String source,
      MerchantCredentialChecks.Fields fields,
      String fingerprint) {
    List<MerchantProblem> problems = MerchantCredentialChecks.check(credentials, source, fields);
    return new MerchantSource(
        credentials.mchid(),
        source,
        problems.isEmpty() ? credentials : null,
        List.copyOf(problems),
        fingerprint);
  }

  static MerchantSource failed(
      String mchid, String source, List<MerchantProblem> problems, String fingerprint) {
    return new MerchantSource(mchid, source, null, List.copyOf(problems), fingerprint);
  }

  @Override
  public String toString() {
    return "MerchantSource[mchid=" + mchid + ", source=" + source + ", problems=" + problems + "]";
  }
}
