package com.campaigns.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AesGcmPayloadCodecTest {

  static final byte[] K1 = bytes(1);
  static final byte[] K2 = bytes(2);
  static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

  final AesGcmPayloadCodec codec = new AesGcmPayloadCodec(Map.of("k1", K1), "k1");

  @Test
  void encryptsTheWholePayloadAndDecryptsItBack() {
    Payload plain = json("{\"openid\":\"" + OPENID + "\",\"mchid\":\"1900000001\"}");

    Payload sealed = codec.encode(List.of(plain)).get(0);

    assertThat(sealed.getMetadataMap())
        .containsEntry("encoding", utf8("binary/encrypted"))
        .containsEntry("encryption-cipher", utf8("AES/GCM/NoPadding"))
        .containsEntry("encryption-key-id", utf8("k1"));
    assertThat(sealed.toByteString().toStringUtf8())
        .doesNotContain(OPENID, "1900000001", "json/plain");
    assertThat(sealed.getData().size()).isEqualTo(12 + plain.toByteArray().length + 16);
    assertThat(codec.decode(List.of(sealed))).containsExactly(plain);
  }

  @Test
  void everyEncryptionUsesAFreshNonce() {
    Payload plain = json("{}");
    Payload a = codec.encode(List.of(plain)).get(0);
    Payload b = codec.encode(List.of(plain)).get(0);
    assertThat(a.getData()).isNotEqualTo(b.getData());
    assertThat(a.getData().substring(0, 12)).isNotEqualTo(b.getData().substring(0, 12));
  }

  @Test
  void payloadsThatAreNotEncryptedPassThroughDecode() {
    Payload plain = json("{\"a\":1}");
    assertThat(codec.decode(List.of(plain))).containsExactly(plain);
  }

  @Test
  void withRequireEncryptedAPayloadInClearIsRefusedNamingTheSetting() {
    AesGcmPayloadCodec strict = new AesGcmPayloadCodec(Map.of("k1", K1), "k1", true);
    Payload plain = json("{\"operator\":\"mallory\"}");
    Payload sealed = strict.encode(List.of(plain)).get(0);

    assertThat(strict.decode(List.of(sealed))).containsExactly(plain);
    assertThatThrownBy(() -> strict.decode(List.of(sealed, plain)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("campaigns.codec.require-encrypted")
        .hasMessageContaining("json/plain")
        .hasMessageNotContaining("mallory");
    // The codec endpoint only shows payloads to ops: those in clear are shown as they are.
    assertThat(strict.decodeForReading(List.of(sealed, plain))).containsExactly(plain, plain);

    // Through the data converter, as a workflow task reads a signal's input.
    DataConverter converter = CodecConfiguration.dataConverter(strict);
    Payload clearSignal = DataConverter.getDefaultInstance().toPayload("resume").orElseThrow();
    assertThatThrownBy(() -> converter.fromPayload(clearSignal, String.class, String.class))
        .hasStackTraceContaining("campaigns.codec.require-encrypted");
    Payload encrypted = converter.toPayload("resume").orElseThrow();
    assertThat(converter.fromPayload(encrypted, String.class, String.class)).isEqualTo("resume");
  }

  @Test
  void requireEncryptedIsOffByDefaultAndBindsFromTheProperty() {
    String k1 = Base64.getEncoder().encodeToString(K1);
    new ApplicationContextRunner()
        .withUserConfiguration(CodecConfiguration.class)
        .withPropertyValues("campaigns.codec.active-key-id=k1", "campaigns.codec.keys.k1=" + k1)
        .run(c -> assertThat(c.getBean(AesGcmPayloadCodec.class).requiresEncrypted()).isFalse());
    new ApplicationContextRunner()
        .withUserConfiguration(CodecConfiguration.class)
        .withPropertyValues(
            "campaigns.codec.active-key-id=k1",
            "campaigns.codec.keys.k1=" + k1,
            "campaigns.codec.require-encrypted=true")
        .run(c -> assertThat(c.getBean(AesGcmPayloadCodec.class).requiresEncrypted()).isTrue());
  }

  @Test
  void rotationEncryptsWithTheNewKeyAndStillReadsTheOld() {
    Payload plain = json("{\"wave\":\"vip\"}");
    Payload old = codec.encode(List.of(plain)).get(0);

    AesGcmPayloadCodec rotated = new AesGcmPayloadCodec(Map.of("k1", K1, "k2", K2), "k2");
    Payload fresh = rotated.encode(List.of(plain)).get(0);

    assertThat(fresh.getMetadataOrThrow("encryption-key-id").toStringUtf8()).isEqualTo("k2");
    assertThat(rotated.decode(List.of(old, fresh))).containsExactly(plain, plain);
    assertThatThrownBy(() -> codec.decode(List.of(fresh)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("k2");
  }

  @Test
  void aWrongKeyOrTamperedDataIsRefused() {
    Payload sealed = codec.encode(List.of(json("{}"))).get(0);
    AesGcmPayloadCodec other = new AesGcmPayloadCodec(Map.of("k1", K2), "k1");
    assertThatThrownBy(() -> other.decode(List.of(sealed)))
        .isInstanceOf(PayloadCodecException.class);

    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();
    assertThatThrownBy(() -> codec.decode(List.of(tampered)))
        .isInstanceOf(PayloadCodecException.class);

    // The key id is authenticated: relabelling a payload with another configured key fails.
    AesGcmPayloadCodec both = new AesGcmPayloadCodec(Map.of("k1", K1, "k2", K1), "k1");
    Payload relabelled = sealed.toBuilder().putMetadata("encryption-key-id", utf8("k2")).build();
    assertThatThrownBy(() -> both.decode(List.of(relabelled)))
        .isInstanceOf(PayloadCodecException.class);
  }

  @Test
  void keysMustBe32BytesAndTheActiveOneMustExist() {
    assertThatThrownBy(() -> new AesGcmPayloadCodec(Map.of("k1", new byte[16]), "k1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AesGcmPayloadCodec(Map.of("k1", K1), "k9"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(codec.toString()).doesNotContain(Base64.getEncoder().encodeToString(K1));
  }

  @Test
  void propertiesValidateKeysWithoutEverPrintingThem() {
    String k1 = Base64.getEncoder().encodeToString(K1);
    CodecProperties ok = new CodecProperties(true, "k1", Map.of("k1", k1), false);
    assertThat(ok.keyBytes().get("k1")).isEqualTo(K1);
    assertThat(ok.toString()).doesNotContain(k1).contains("k1");

    String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
    assertThatThrownBy(() -> new CodecProperties(true, "k1", Map.of("k1", shortKey), false))
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> new CodecProperties(true, "k1", Map.of("k1", "not base64!"), false))
        .hasMessageContaining("Base64")
        .hasMessageNotContaining("not base64!");
    assertThatThrownBy(() -> new CodecProperties(true, "k2", Map.of("k1", k1), false))
        .hasMessageContaining("k2");
    assertThatThrownBy(() -> new CodecProperties(true, null, Map.of(), false))
        .hasMessageContaining("active-key-id");
    assertThatThrownBy(() -> new CodecProperties(true, "K1", Map.of("K1", k1), false))
        .hasMessageContaining("lowercase");
    assertThat(new CodecProperties(false, null, null, false).keys()).isEmpty();
  }

  @Test
  void theDataConverterEncryptsValuesAndFailureMessages() {
    DataConverter converter = CodecConfiguration.dataConverter(codec);

    Payload value = converter.toPayload(Map.of("openid", OPENID)).orElseThrow();
    assertThat(value.toByteString().toStringUtf8()).doesNotContain(OPENID);
    assertThat(converter.fromPayload(value, Map.class, Map.class)).containsEntry("openid", OPENID);

    var failure =
        converter.exceptionToFailure(
            ApplicationFailure.newFailure("no coupon for " + OPENID, "RULE_LIMIT"));
    assertThat(failure.toByteString().toStringUtf8()).doesNotContain(OPENID);
    assertThat(failure.getMessage()).isEqualTo("Encoded failure");
    RuntimeException back = converter.failureToException(failure);
    assertThat(((ApplicationFailure) back).getOriginalMessage())
        .isEqualTo("no coupon for " + OPENID);
    assertThat(((ApplicationFailure) back).getType()).isEqualTo("RULE_LIMIT");
  }

  @Test
  void anUpdateRejectionWrappedByTheSdkKeepsItsMessageAndType() {
    DataConverter converter = CodecConfiguration.dataConverter(codec);
    var first =
        converter.exceptionToFailure(
            ApplicationFailure.newFailure("cannot be paused", "NOT_PAUSABLE"));

    var second =
        converter.exceptionToFailure(
            new io.temporal.internal.worker.WorkflowExecutionException(first));

    ApplicationFailure back = (ApplicationFailure) converter.failureToException(second);
    assertThat(back.getOriginalMessage()).isEqualTo("cannot be paused");
    assertThat(back.getType()).isEqualTo("NOT_PAUSABLE");
  }

  private static Payload json(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", utf8("json/plain"))
        .setData(utf8(text))
        .build();
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(int seed) {
    byte[] b = new byte[32];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }
}
