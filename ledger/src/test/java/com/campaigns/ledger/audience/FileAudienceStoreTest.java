package com.campaigns.ledger.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The audience contract on files ({@code campaigns.audiences.store=file}). */
class FileAudienceStoreTest extends AudienceStoreContract {

  @Override
  AudienceStore store() {
    return new FileAudienceStore(tmp.resolve("audiences"));
  }

  @Override
  AudienceStore store(AudienceLimits limits) {
    return new FileAudienceStore(tmp.resolve("audiences"), limits);
  }

  @Override
  void copyToShortId(String fullId, String shortId) throws IOException {
    Path dir = tmp.resolve("audiences");
    Files.copy(dir.resolve(fullId + ".txt"), dir.resolve(shortId + ".txt"));
    Files.copy(dir.resolve(fullId + ".idx"), dir.resolve(shortId + ".idx"));
  }

  /**
   * Runs of 7 openids: duplicates meet across runs and merge rounds (more runs than {@link
   * FirstOccurrences#FAN_IN}), and the first occurrence of each still wins, in upload order.
   */
  @Test
  void keepsEachFirstOccurrenceInOrderAcrossSortedRunsOnDisk() throws IOException {
    Random random = new Random(19);
    List<String> upload = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      upload.add("o-" + random.nextInt(1500));
    }
    Set<String> expected = new LinkedHashSet<>(upload);
    var store = new FileAudienceStore(tmp.resolve("runs"), AudienceLimits.DEFAULTS, 7);

    var receipt = store.store(upload);

    assertThat(receipt.count()).isEqualTo(expected.size());
    assertThat(receipt.duplicatesRemoved()).isEqualTo(upload.size() - expected.size());
    assertThat(store.read(receipt.audienceId(), 0, upload.size()))
        .containsExactlyElementsOf(expected);
    assertThat(receipt.audienceId())
        .isEqualTo(new FileAudienceStore(tmp.resolve("one-run")).store(upload).audienceId());
    try (var left = Files.list(tmp.resolve("runs"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("no temporary file is left")
          .allMatch(name -> name.endsWith(".txt") || name.endsWith(".idx"));
    }
  }

  @Test
  void uploadsAMillionRecipientsInASmallHeap() throws IOException, InterruptedException {
    SmallHeap.uploadAMillionRecipients("file:" + tmp.resolve("million"), tmp.resolve("probe.out"));
  }
}
