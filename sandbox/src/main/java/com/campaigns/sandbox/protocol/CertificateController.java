package com.campaigns.sandbox.protocol;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.crypto.Nonces;
import com.campaigns.sandbox.crypto.Pem;
import com.campaigns.sandbox.merchant.Merchant;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v3/certificates}: the platform certificate, encrypted with the merchant's APIv3 key.
 */
@RestController
class CertificateController {

  @GetMapping("/v3/certificates")
  Certificates certificates(@RequestAttribute(Caller.ATTRIBUTE) Merchant caller) {
    if (!caller.hasPlatformCertificate()) {
      throw new Rejected(404, "NOT_FOUND", "无可用的平台证书");
    }
    String pem = caller.credentials().platformCertificatePem();
    X509Certificate certificate = Pem.readCertificate(pem);
    String nonce = Nonces.alphanumeric(12);
    String associatedData = "certificate";
    return new Certificates(
        List.of(
            new Entry(
                caller.credentials().platformCertificateSerial(),
                BusinessClock.format(certificate.getNotBefore().toInstant()),
                BusinessClock.format(certificate.getNotAfter().toInstant()),
                new EncryptCertificate(
                    AeadCipher.ALGORITHM,
                    nonce,
                    associatedData,
                    AeadCipher.encrypt(
                        caller.apiV3Key(),
                        nonce,
                        associatedData,
                        pem.getBytes(StandardCharsets.UTF_8))))));
  }

  record Certificates(List<Entry> data) {}

  record Entry(
      String serialNo,
      String effectiveTime,
      String expireTime,
      EncryptCertificate encryptCertificate) {}

  record EncryptCertificate(
      String algorithm, String nonce, String associatedData, String ciphertext) {}
}
