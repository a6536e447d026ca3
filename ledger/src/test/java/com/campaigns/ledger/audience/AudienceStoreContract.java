package com.campaigns.ledger.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every audience store does; each store's test runs it. */
abstract class AudienceStoreContract {

  @TempDir Path tmp;

  abstract AudienceStore store();

  abstract AudienceStore store(AudienceLimits limits);

  /**
   * Copies a stored audience to the id it had before ids were full (V5): {@code aud-} and the first
   * 16 hex digits, as audiences uploaded by earlier releases are stored.
   */
  abstract void copyToShortId(String fullId, String shortId) throws Exception;

  static final long TWO_GIB = 2L << 30;

  static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void normalizesDeduplicatesAndReportsInvalidLines() {
    AudienceStore store = store();
    var receipt =
        store.store(
            text("\uFEFFopenid\n o1 \n\no2\no1\nnot an openid\n\"o3\",extra,columns\no2\n"));
    assertThat(receipt.count()).isEqualTo(3);
    assertThat(receipt.duplicatesRemoved()).isEqualTo(2);
    assertThat(receipt.invalidCount()).isEqualTo(1);
    assertThat(receipt.invalid()).containsExactly(new AudienceStore.Invalid(6, "not an openid"));
    assertThat(store.read(receipt.audienceId(), 0, 10)).containsExactly("o1", "o2", "o3");
  }

  /**
   * BOM, CRLF, quotes, CSV columns, blank lines, duplicates and more invalid lines than reported.
   */
  @Test
  void givesTheFileStoresReceiptForATrickyUpload() {
    StringBuilder body = new StringBuilder("\uFEFF\"openid\",tier\r\n");
    body.append("b-2\r\n  a-1 ,gold\r\n\r\n\"c_3\"\r\nb-2\r\n");
    for (int i = 0; i < 120; i++) {
      body.append("bad openid ").append(i).append("\r\n");
      body.append("x").append(i % 7).append("\r\n");
    }
    body.append("a-1\r\nd.4\r\n").append("z".repeat(129)).append("\r\nlast");
    String upload = body.toString();

    var expected = new FileAudienceStore(tmp.resolve("reference")).store(text(upload));
    var receipt = store().store(text(upload));

    assertThat(receipt).isEqualTo(expected);
    assertThat(receipt.count()).isEqualTo(11);
    assertThat(receipt.duplicatesRemoved()).isEqualTo(2 + 113);
    assertThat(receipt.invalidCount()).isEqualTo(122);
    assertThat(receipt.invalid()).hasSize(100);
    assertThat(receipt.invalid().get(0)).isEqualTo(new AudienceStore.Invalid(7, "bad openid 0"));
    assertThat(store().read(receipt.audienceId(), 0, 100))
        .containsExactly("b-2", "a-1", "c_3", "x0", "x1", "x2", "x3", "x4", "x5", "x6", "last");
  }

  @Test
  void theSameListGivesTheSameAudience() {
    AudienceStore store = store();
    var first = store.store(List.of("a", "b"));
    var again = store.store(List.of("a", "b", "a"));
    assertThat(again.audienceId()).isEqualTo(first.audienceId());
    assertThat(again.count()).isEqualTo(2);
    assertThat(again.duplicatesRemoved()).isEqualTo(1);
    assertThat(store.count(first.audienceId())).contains(2L);
    assertThat(store.read(first.audienceId(), 0, 10)).containsExactly("a", "b");
    assertThat(store.store(List.of("b", "a")).audienceId()).isNotEqualTo(first.audienceId());
  }

  @Test
  void theIdIsTheFileStoresForTheSameContent() {
    List<String> openids = List.of("o-9", "o-1", "o-9", "o-5");
    assertThat(store().store(openids).audienceId())
        .isEqualTo(new FileAudienceStore(tmp.resolve("reference")).store(openids).audienceId());
  }

  @Test
  void readsAnySegmentOfALargeAudienceInOrder() {
    AudienceStore store = store();
    GeneratedAudience body = new GeneratedAudience(250_000, 1000);
    var receipt = store.store(body);
    assertThat(receipt.count()).isEqualTo(250_000);
    assertThat(receipt.duplicatesRemoved()).isEqualTo(body.duplicates());
    assertThat(store.count(receipt.audienceId())).contains(250_000L);
    assertThat(store.read(receipt.audienceId(), 0, 3))
        .containsExactly("user-0", "user-1", "user-2");
    assertThat(store.read(receipt.audienceId(), 123_455, 123_458))
        .containsExactly("user-123455", "user-123456", "user-123457");
    assertThat(store.read(receipt.audienceId(), 249_999, 260_000)).containsExactly("user-249999");
    assertThat(store.read(receipt.audienceId(), 1024, 1025)).containsExactly("user-1024");
    List<String> segment = store.read(receipt.audienceId(), 5000, 10_000);
    assertThat(segment).hasSize(5000);
    for (int i = 0; i < segment.size(); i++) {
      assertThat(segment.get(i)).isEqualTo("user-" + (5000 + i));
    }
  }

  @Test
  void unknownAudiencesAreAbsent() {
    AudienceStore store = store();
    assertThat(store.count("aud-0000000000000000")).isEmpty();
    assertThat(store.count("../etc/passwd")).isEmpty();
    assertThat(store.count("aud-0' OR '1'='1")).isEmpty();
    assertThat(store.count(null)).isEmpty();
    assertThatThrownBy(() -> store.read("aud-0000000000000000", 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyUploadStoresAnEmptyAudience() {
    AudienceStore store = store();
    var receipt = store.store(text("\n\n"));
    assertThat(receipt.count()).isZero();
    assertThat(store.count(receipt.audienceId())).contains(0L);
    assertThat(store.read(receipt.audienceId(), 0, 10)).isEmpty();
  }

  @Test
  void refusesASingleTwoGibLineAfterReadingOneBufferPastMaxLineLength() {
    AudienceStore store = store(new AudienceLimits(4L << 30, 1024, 1000));
    CountingBody body = CountingBody.oneLine(TWO_GIB);
    assertThatThrownBy(() -> store.store(body))
        .isInstanceOfSatisfying(
            AudienceTooLarge.class,
            e -> {
              assertThat(e.limit()).isEqualTo(AudienceTooLarge.Limit.LINE_LENGTH);
              assertThat(e.value()).isEqualTo(1024);
            })
        .hasMessage("line 1 exceeds campaigns.audiences.max-line-length = 1024 bytes");
    assertThat(body.bytesRead()).isLessThanOrEqualTo(1024 + AudienceLines.READ_BUFFER);
  }

  @Test
  void aLineOfExactlyMaxLineLengthIsRead() {
    AudienceStore store = store(new AudienceLimits(1 << 20, 12, 1000));
    var receipt = store.store(text("o-123456789a\r\n\"o-2\",gold\nbad id!\n"));
    assertThat(receipt.count()).isEqualTo(2);
    assertThat(receipt.invalidCount()).isEqualTo(1);
    assertThatThrownBy(() -> store.store(text("o-1\no-123456789ab\n")))
        .isInstanceOf(AudienceTooLarge.class)
        .hasMessage("line 2 exceeds campaigns.audiences.max-line-length = 12 bytes");
  }

  @Test
  void refusesABodyPastMaxBytesAfterReadingOneBufferPastIt() {
    AudienceStore store = store(new AudienceLimits(1 << 18, 1024, 100_000_000));
    CountingBody body = new CountingBody(TWO_GIB, "o-abc\n".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> store.store(body))
        .isInstanceOfSatisfying(
            AudienceTooLarge.class,
            e -> assertThat(e.limit()).isEqualTo(AudienceTooLarge.Limit.BYTES))
        .hasMessage("the upload exceeds campaigns.audiences.max-bytes = 262144 bytes");
    assertThat(body.bytesRead()).isLessThanOrEqualTo((1 << 18) + AudienceLines.READ_BUFFER);
  }

  @Test
  void refusesMoreDistinctOpenidsThanMaxRecipientsAndStoresNothing() {
    AudienceStore store = store(new AudienceLimits(1 << 20, 1024, 10_000));
    var atTheLimit = store.store(new GeneratedAudience(10_000, 10));
    assertThat(atTheLimit.count()).isEqualTo(10_000);
    assertThat(atTheLimit.duplicatesRemoved()).isEqualTo(1000);
    assertThatThrownBy(() -> store.store(new GeneratedAudience(10_001, 10)))
        .isInstanceOfSatisfying(
            AudienceTooLarge.class,
            e -> assertThat(e.limit()).isEqualTo(AudienceTooLarge.Limit.RECIPIENTS))
        .hasMessage(
            "the upload holds more than campaigns.audiences.max-recipients = 10000 distinct openids");
    // The refused upload left nothing behind: the same list one shorter is stored as before.
    assertThat(store.store(new GeneratedAudience(10_000, 10))).isEqualTo(atTheLimit);
  }

  @Test
  void newAudiencesAreNamedByTheFullSha256OfTheirContent() throws Exception {
    String id = store().store(List.of("o-2", "o-1", "o-2")).audienceId();
    byte[] sha =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest("o-2\no-1\n".getBytes(StandardCharsets.UTF_8));
    assertThat(id).isEqualTo("aud-" + java.util.HexFormat.of().formatHex(sha)).hasSize(68);
  }

  @Test
  void audiencesStoredWithShortIdsAreStillReadByThem() throws Exception {
    AudienceStore store = store();
    String full = store.store(List.of("o-a", "o-b", "o-c")).audienceId();
    String shortId = full.substring(0, "aud-".length() + 16);
    copyToShortId(full, shortId);

    assertThat(store.count(shortId)).contains(3L);
    assertThat(store.read(shortId, 1, 10)).containsExactly("o-b", "o-c");
    assertThat(store.count(full.substring(0, "aud-".length() + 20))).isEmpty();
  }
}
