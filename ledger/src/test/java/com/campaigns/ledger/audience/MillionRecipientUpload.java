package com.campaigns.ledger.audience;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Uploads 1 000 000 distinct recipients (and 10 000 repeats) to the PostgreSQL or H2 at the JDBC
 * URL args[0], or to the file store in the directory of {@code file:<dir>}, and reads segments
 * back, in the small heap {@link DatabaseAudienceStorePostgresIT} starts it with; exits 1 on a
 * wrong answer, prints the time taken and the heap's peak.
 */
public final class MillionRecipientUpload {

  private MillionRecipientUpload() {}

  public static void main(String[] args) {
    AudienceStore store;
    if (args[0].startsWith("file:")) {
      store = new FileAudienceStore(Path.of(args[0].substring("file:".length())));
    } else {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(args[0]);
      store = new DatabaseAudienceStore(ds);
    }
    GeneratedAudience body = new GeneratedAudience(1_000_000, 100);
    long start = System.nanoTime();
    var receipt = store.store(body);
    long stored = System.nanoTime();
    List<String> first = store.read(receipt.audienceId(), 0, 5000);
    List<String> last = store.read(receipt.audienceId(), 995_000, 1_000_000);
    long read = System.nanoTime();
    boolean right =
        receipt.count() == 1_000_000
            && receipt.duplicatesRemoved() == body.duplicates()
            && first.size() == 5000
            && first.get(4999).equals("user-4999")
            && last.size() == 5000
            && last.get(0).equals("user-995000")
            && last.get(4999).equals("user-999999");
    System.out.printf(
        "stored %d recipients (%d duplicates removed) as %s in %d ms; two 5000-recipient segments"
            + " read in %d ms; heap peak %d MB of max %d MB%n",
        receipt.count(),
        receipt.duplicatesRemoved(),
        receipt.audienceId(),
        (stored - start) / 1_000_000,
        (read - stored) / 1_000_000,
        heapPeak() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    System.exit(right ? 0 : 1);
  }

  private static long heapPeak() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
