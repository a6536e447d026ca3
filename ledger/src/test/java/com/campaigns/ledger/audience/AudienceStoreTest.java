package com.campaigns.ledger.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudienceStoreTest {

  @TempDir Path dir;

  static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void normalizesDeduplicatesAndReportsInvalidLines() {
    AudienceStore store = new AudienceStore(dir);
    var receipt =
        store.store(
            text("\uFEFFopenid\n o1 \n\no2\no1\nnot an openid\n\"o3\",extra,columns\no2\n"));
    assertThat(receipt.count()).isEqualTo(3);
    assertThat(receipt.duplicatesRemoved()).isEqualTo(2);
    assertThat(receipt.invalidCount()).isEqualTo(1);
    assertThat(receipt.invalid()).containsExactly(new AudienceStore.Invalid(6, "not an openid"));
    assertThat(store.read(receipt.audienceId(), 0, 10)).containsExactly("o1", "o2", "o3");
  }

  @Test
  void theSameListGivesTheSameAudience() {
    AudienceStore store = new AudienceStore(dir);
    assertThat(store.store(List.of("a", "b")).audienceId())
        .isEqualTo(store.store(List.of("a", "b", "a")).audienceId());
    assertThat(store.store(List.of("a", "b")).audienceId())
        .isNotEqualTo(store.store(List.of("b", "a")).audienceId());
  }

  @Test
  void readsAnySegmentOfALargeAudienceThroughTheIndex() {
    AudienceStore store = new AudienceStore(dir);
    var receipt =
        store.store(
            new InputStream() {
              // 250 000 generated lines, streamed: never a String of the whole body.
              int line = 0;
              byte[] current = new byte[0];
              int pos = 0;

              @Override
              public int read() {
                if (pos == current.length) {
                  if (line == 250_000) {
                    return -1;
                  }
                  current = ("user-" + line++ + "\n").getBytes(StandardCharsets.US_ASCII);
                  pos = 0;
                }
                return current[pos++];
              }
            });
    assertThat(receipt.count()).isEqualTo(250_000);
    assertThat(store.count(receipt.audienceId())).contains(250_000L);
    assertThat(store.read(receipt.audienceId(), 0, 3))
        .containsExactly("user-0", "user-1", "user-2");
    assertThat(store.read(receipt.audienceId(), 123_455, 123_458))
        .containsExactly("user-123455", "user-123456", "user-123457");
    assertThat(store.read(receipt.audienceId(), 249_999, 260_000)).containsExactly("user-249999");
    assertThat(store.read(receipt.audienceId(), 1024, 1025)).containsExactly("user-1024");
  }

  @Test
  void unknownAudiencesAreAbsent() throws IOException {
    AudienceStore store = new AudienceStore(dir);
    assertThat(store.count("aud-0000000000000000")).isEmpty();
    assertThat(store.count("../etc/passwd")).isEmpty();
    assertThatThrownBy(() -> store.read("aud-0000000000000000", 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyUploadStoresAnEmptyAudience() {
    AudienceStore store = new AudienceStore(dir);
    var receipt = store.store(text("\n\n"));
    assertThat(receipt.count()).isZero();
    assertThat(store.read(receipt.audienceId(), 0, 10)).isEmpty();
  }
}
