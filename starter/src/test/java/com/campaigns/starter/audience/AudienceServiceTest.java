package com.campaigns.starter.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.ledger.audience.AudienceLimits;
import com.campaigns.ledger.audience.FileAudienceStore;
import com.campaigns.starter.system.RequestRejected;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

/**
 * The limits as the API and the console's upload answer them ({@code {"error", "message"}}); the
 * stores' own tests show how little of an upload past a limit is read.
 */
class AudienceServiceTest {

  @TempDir Path dir;

  private AudienceService service(AudienceLimits limits) {
    return new AudienceService(new FileAudienceStore(dir, limits), limits);
  }

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aDeclaredSizePastMaxBytesIsRefusedWithoutReadingTheBody() {
    InputStream unreadable =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("the body was read");
          }
        };
    assertThatThrownBy(
            () -> service(new AudienceLimits(100, 64, 10)).upload("text/plain", 101, unreadable))
        .isInstanceOfSatisfying(
            RequestRejected.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
              assertThat(e.kind()).isEqualTo("payload_too_large");
            })
        .hasMessage("the upload exceeds campaigns.audiences.max-bytes = 100 bytes");
  }

  @Test
  void aBodyPastMaxBytesWithoutADeclaredSizeIsRefusedAs413() {
    assertThatThrownBy(
            () ->
                service(new AudienceLimits(100, 64, 1000))
                    .upload("text/plain", -1, text("o-1\n".repeat(26))))
        .isInstanceOfSatisfying(
            RequestRejected.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE))
        .hasMessage("the upload exceeds campaigns.audiences.max-bytes = 100 bytes");
  }

  @Test
  void moreDistinctOpenidsThanMaxRecipientsAreRefusedAs413() {
    AudienceService service = service(new AudienceLimits(1000, 64, 2));
    assertThat(service.upload("text/plain", -1, text("o-1\no-2\no-1\n")).count()).isEqualTo(2);
    assertThatThrownBy(() -> service.upload("text/plain", -1, text("o-1\no-2\no-3\n")))
        .isInstanceOfSatisfying(
            RequestRejected.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
              assertThat(e.kind()).isEqualTo("too_many_recipients");
            })
        .hasMessage(
            "the upload holds more than campaigns.audiences.max-recipients = 2 distinct openids");
  }

  @Test
  void aLinePastMaxLineLengthIsRefusedAs400() {
    assertThatThrownBy(
            () ->
                service(new AudienceLimits(1000, 8, 10))
                    .upload("text/csv", -1, text("o-1,gold\no-2,silver\n")))
        .isInstanceOfSatisfying(
            RequestRejected.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(e.kind()).isEqualTo("line_too_long");
            })
        .hasMessage("line 2 exceeds campaigns.audiences.max-line-length = 8 bytes");
  }
}
