package com.campaigns.ledger.audience;

import java.io.InputStream;
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
 * share audiences through the database they already share. An upload streams its valid lines into a
 * temporary table of the session (COPY on PostgreSQL, JDBC batches on H2) and the database removes
 * the duplicates: the JVM never holds the list, whatever its size.
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

  public DatabaseAudienceStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Receipt store(InputStream body) {
    try (Connection c = dataSource.getConnection()) {
      boolean postgres = c.isWrapperFor(PGConnection.class);
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        createUploadTables(c, postgres);
        AudienceLines.Parsed parsed = postgres ? copy(c, body) : batch(c, body);
        long count;
        try (Statement s = c.createStatement()) {
          count = s.executeUpdate(DEDUPLICATE);
        }
        byte[] sha = digest(c);
        String id = AudienceLines.id(sha);
        if (insertHeader(c, id, count, sha)) {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO audience_recipient (audience_id, seq, openid)"
                      + " SELECT ?, seq, openid FROM audience_upload_distinct")) {
            s.setString(1, id);
            s.executeUpdate();
          }
        }
        c.commit();
        return new Receipt(
            id, count, parsed.openids() - count, parsed.invalidCount(), parsed.invalid());
      } catch (Exception e) {
        c.rollback();
        throw e;
      } finally {
        if (!postgres) {
          dropUploadTables(c);
        }
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
  public List<String> read(String audienceId, long from, long to) {
    long count =
        count(audienceId)
            .orElseThrow(() -> new IllegalArgumentException("no audience " + audienceId));
    long end = Math.min(to, count);
    List<String> out = new ArrayList<>((int) Math.max(0, end - from));
    if (from >= end) {
      return out;
    }
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
   * On PostgreSQL the tables go with the transaction (and their rows skip the WAL); H2 creates them
   * without committing (TRANSACTIONAL) and they are dropped after.
   */
  private static void createUploadTables(Connection c, boolean postgres) throws SQLException {
    String create = postgres ? "CREATE TEMPORARY TABLE " : "CREATE LOCAL TEMPORARY TABLE ";
    String end = postgres ? " ON COMMIT DROP" : " TRANSACTIONAL";
    try (Statement s = c.createStatement()) {
      s.execute(
          create + "audience_upload (line BIGINT NOT NULL, openid VARCHAR(128) NOT NULL)" + end);
      s.execute(
          create
              + "audience_upload_distinct (seq BIGINT NOT NULL, openid VARCHAR(128) NOT NULL)"
              + end);
    }
  }

  private static void dropUploadTables(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS audience_upload");
      s.execute("DROP TABLE IF EXISTS audience_upload_distinct");
    }
  }

  /** Streams the valid lines into COPY as they are parsed. */
  private static AudienceLines.Parsed copy(Connection c, InputStream body) throws Exception {
    PGConnection pg = c.unwrap(PGConnection.class);
    try (PGCopyOutputStream copy =
            new PGCopyOutputStream(
                pg, "COPY audience_upload (line, openid) FROM STDIN (FORMAT text)", 1 << 16);
        Writer out = new java.io.OutputStreamWriter(copy, StandardCharsets.UTF_8)) {
      // Openids are [A-Za-z0-9_-]: nothing in them needs COPY's escapes.
      return AudienceLines.parse(
          body,
          (line, openid) -> {
            out.write(Long.toString(line));
            out.write('\t');
            out.write(openid);
            out.write('\n');
          });
    }
  }

  private static AudienceLines.Parsed batch(Connection c, InputStream body) throws Exception {
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO audience_upload (line, openid) VALUES (?, ?)")) {
      int[] pending = {0};
      AudienceLines.Parsed parsed =
          AudienceLines.parse(
              body,
              (line, openid) -> {
                s.setLong(1, line);
                s.setString(2, openid);
                s.addBatch();
                if (++pending[0] == BATCH) {
                  s.executeBatch();
                  pending[0] = 0;
                }
              });
      if (pending[0] > 0) {
        s.executeBatch();
      }
      return parsed;
    }
  }

  /** The id's digest over the distinct openids in order, read with a cursor. */
  private static byte[] digest(Connection c) throws SQLException {
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
    return sha.digest();
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
