package com.campaigns.ledger.audience;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Audiences in the ledger's database ({@code campaigns.audiences.store=database}, V3): a header row
 * and one row per distinct recipient keyed by (audience, position), so the API and the workers
 * share audiences through the database they already share. On PostgreSQL an upload streams its
 * valid lines with COPY into a temporary table and the database removes the duplicates: the JVM
 * never holds the list, whatever its size. Elsewhere (H2) a staging table with a unique key does
 * the same in JDBC batches. An upload past the {@link AudienceLimits} is refused and rolled back.
 */
public final class DatabaseAudienceStore implements AudienceStore {

  private static final int BATCH = 5_000;
  private static final int FETCH = 10_000;

  /** The first occurrence of each openid, numbered in upload order. */
  private static final String DEDUPLICATE =
      """
      INSERT INTO audience_upload_distinct (seq, openid)
      SELECT row_number() OVER (ORDER BY first_line) - 1, openid
      FROM (SELECT openid, MIN(line) AS first_line FROM audience_upload GROUP BY openid) f""";

  private final DataSource dataSource;
  private final AudienceLimits limits;

  public DatabaseAudienceStore(DataSource dataSource) {
    this(dataSource, AudienceLimits.DEFAULTS);
  }

  public DatabaseAudienceStore(DataSource dataSource, AudienceLimits limits) {
    this.dataSource = dataSource;
    this.limits = limits;
  }

  @Override
  public Receipt store(InputStream body) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        Receipt receipt =
            c.isWrapperFor(PGConnection.class)
                ? copyAndDeduplicate(c, body)
                : stageAndDeduplicate(c, body);
        c.commit();
        return receipt;
      } catch (Exception e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("storing an audience failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Long> count(String audienceId) {
    if (!AudienceLines.isId(audienceId)) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT recipient_count FROM audience WHERE audience_id = ?")) {
      s.setString(1, audienceId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read audience " + audienceId + ": " + e, e);
    }
  }

  @Override
  public List<String> readRange(String audienceId, long from, long end) {
    List<String> out = new ArrayList<>((int) (end - from));
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT openid FROM audience_recipient"
                    + " WHERE audience_id = ? AND seq >= ? AND seq < ? ORDER BY seq")) {
      s.setString(1, audienceId);
      s.setLong(2, from);
      s.setLong(3, end);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read audience " + audienceId + ": " + e, e);
    }
  }

  /**
   * PostgreSQL: the valid lines are streamed with COPY into a temporary table of the transaction
   * (no WAL), PostgreSQL keeps each openid's first occurrence, and the id's digest is read back
   * with a cursor; the JVM never holds the list.
   */
  private Receipt copyAndDeduplicate(Connection c, InputStream body) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMPORARY TABLE audience_upload"
              + " (line BIGINT NOT NULL, openid VARCHAR(128) NOT NULL) ON COMMIT DROP");
      s.execute(
          "CREATE TEMPORARY TABLE audience_upload_distinct"
              + " (seq BIGINT NOT NULL, openid VARCHAR(128) NOT NULL) ON COMMIT DROP");
    }
    AudienceLines.Parsed parsed;
    try (PGCopyOutputStream copy =
            new PGCopyOutputStream(
                c.unwrap(PGConnection.class),
                "COPY audience_upload (line, openid) FROM STDIN (FORMAT text)",
                1 << 16);
        Writer out = new OutputStreamWriter(copy, StandardCharsets.UTF_8)) {
      // Openids are [A-Za-z0-9_-]: nothing in them needs COPY's escapes.
      parsed =
          AudienceLines.parse(
              body,
              limits,
              (line, openid) -> {
                out.write(Long.toString(line));
                out.write('\t');
                out.write(openid);
                out.write('\n');
              });
    }
    long count;
    try (Statement s = c.createStatement()) {
      count = s.executeUpdate(DEDUPLICATE);
    }
    limits.checkRecipients(count);
    MessageDigest sha = AudienceLines.digest();
    try (PreparedStatement s =
        c.prepareStatement("SELECT openid FROM audience_upload_distinct ORDER BY seq")) {
      s.setFetchSize(FETCH);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          sha.update(r.getString(1).getBytes(StandardCharsets.UTF_8));
          sha.update((byte) '\n');
        }
      }
    }
    byte[] digest = sha.digest();
    String id = AudienceLines.id(digest);
    if (insertHeader(c, id, count, digest)) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO audience_recipient (audience_id, seq, openid)"
                  + " SELECT ?, seq, openid FROM audience_upload_distinct")) {
        s.setString(1, id);
        s.executeUpdate();
      }
    }
    return new Receipt(
        id, count, parsed.openids() - count, parsed.invalidCount(), parsed.invalid());
  }

  /**
   * Other databases (H2): the valid lines go in JDBC batches into a temporary staging table whose
   * openids are unique, so ON CONFLICT DO NOTHING keeps each openid's first occurrence (batches run
   * in upload order); the rows are then read back in line order twice, for the id's digest and to
   * number the recipients. The JVM holds one batch at a time, whatever the upload's size.
   */
  private Receipt stageAndDeduplicate(Connection c, InputStream body) throws Exception {
    try (Statement s = c.createStatement()) {
      // Left over in this pooled session if an earlier upload rolled back.
      s.execute("DROP TABLE IF EXISTS audience_upload_staging");
      s.execute(
          "CREATE LOCAL TEMPORARY TABLE audience_upload_staging"
              + " (line BIGINT PRIMARY KEY, openid VARCHAR(128) NOT NULL UNIQUE)"
              + " ON COMMIT DROP TRANSACTIONAL");
    }
    long[] distinct = {0};
    AudienceLines.Parsed parsed;
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO audience_upload_staging (line, openid) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING")) {
      int[] pending = {0};
      parsed =
          AudienceLines.parse(
              body,
              limits,
              (line, openid) -> {
                s.setLong(1, line);
                s.setString(2, openid);
                s.addBatch();
                if (++pending[0] == BATCH) {
                  distinct[0] += inserted(s);
                  limits.checkRecipients(distinct[0]);
                  pending[0] = 0;
                }
              });
      distinct[0] += inserted(s);
      limits.checkRecipients(distinct[0]);
    }
    long count;
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audience_upload_staging")) {
      try (ResultSet r = s.executeQuery()) {
        r.next();
        count = r.getLong(1);
      }
    }
    limits.checkRecipients(count);
    String staged = "SELECT openid FROM audience_upload_staging ORDER BY line";
    MessageDigest sha = AudienceLines.digest();
    try (PreparedStatement s = c.prepareStatement(staged)) {
      s.setFetchSize(FETCH);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          sha.update(r.getString(1).getBytes(StandardCharsets.UTF_8));
          sha.update((byte) '\n');
        }
      }
    }
    byte[] digest = sha.digest();
    String id = AudienceLines.id(digest);
    if (insertHeader(c, id, count, digest)) {
      try (PreparedStatement read = c.prepareStatement(staged);
          PreparedStatement write =
              c.prepareStatement(
                  "INSERT INTO audience_recipient (audience_id, seq, openid) VALUES (?, ?, ?)")) {
        read.setFetchSize(FETCH);
        try (ResultSet r = read.executeQuery()) {
          long seq = 0;
          while (r.next()) {
            write.setString(1, id);
            write.setLong(2, seq++);
            write.setString(3, r.getString(1));
            write.addBatch();
            if (seq % BATCH == 0) {
              write.executeBatch();
            }
          }
          write.executeBatch();
        }
      }
    }
    return new Receipt(
        id, count, parsed.openids() - count, parsed.invalidCount(), parsed.invalid());
  }

  /** Runs the pending batch; the rows it inserted, as far as the driver tells (for the limit). */
  private static long inserted(PreparedStatement batch) throws SQLException {
    long n = 0;
    for (int rows : batch.executeBatch()) {
      n += Math.max(rows, 0);
    }
    return n;
  }

  /**
   * False when the audience is already stored: the same content uploaded again, or concurrently
   * (the second upload waits for the first one's transaction, then finds its row).
   */
  private static boolean insertHeader(Connection c, String id, long count, byte[] sha)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO audience (audience_id, recipient_count, sha256, created_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, id);
      s.setLong(2, count);
      s.setString(3, HexFormat.of().formatHex(sha));
      s.setTimestamp(4, Timestamp.from(Instant.now()));
      return s.executeUpdate() == 1;
    }
  }
}
