package com.campaigns.ledger.audience;

import com.campaigns.workflows.rules.SpecValidator;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Audiences as immutable files in a directory every worker can read: one normalized, de-duplicated
 * openid per line, plus an index of byte offsets so a segment is read without scanning the file.
 * Uploads are streamed; only the set of distinct openids is held in memory, once. The id is derived
 * from the content, so uploading the same list twice gives the same audience.
 */
public class AudienceStore {

  /** Offsets are indexed every this many lines. */
  static final int INDEX_STRIDE = 1024;

  private static final Pattern ID = Pattern.compile("^aud-[0-9a-f]{16}$");
  private static final int MAX_INVALID_REPORTED = 100;

  /** The outcome of storing an audience. */
  public record Receipt(
      String audienceId,
      long count,
      long duplicatesRemoved,
      long invalidCount,
      List<Invalid> invalid) {}

  /** A line that is not an openid, with its 1-based line number. */
  public record Invalid(long line, String value) {}

  private final Path dir;

  public AudienceStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the audience directory " + dir, e);
    }
  }

  public Path directory() {
    return dir;
  }

  /**
   * Reads one openid per line (a CSV's first column; a header line "openid" is skipped), trims
   * whitespace, drops blank lines, de-duplicates and reports lines that are not openids.
   */
  public Receipt store(InputStream body) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "upload-", ".tmp");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Set<String> seen = new HashSet<>();
      List<Invalid> invalid = new ArrayList<>();
      long invalidCount = 0;
      long duplicates = 0;
      long lineNo = 0;
      try (BufferedReader in =
              new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
          OutputStream raw = Files.newOutputStream(tmp);
          DigestOutputStream digest = new DigestOutputStream(raw, sha);
          BufferedWriter out =
              new BufferedWriter(
                  new java.io.OutputStreamWriter(digest, StandardCharsets.UTF_8), 1 << 16)) {
        String line;
        while ((line = in.readLine()) != null) {
          lineNo++;
          String openid = normalize(line, lineNo == 1);
          if (openid == null) {
            continue;
          }
          if (!SpecValidator.OPENID.matcher(openid).matches()) {
            invalidCount++;
            if (invalid.size() < MAX_INVALID_REPORTED) {
              invalid.add(new Invalid(lineNo, line.length() > 200 ? line.substring(0, 200) : line));
            }
            continue;
          }
          if (!seen.add(openid)) {
            duplicates++;
            continue;
          }
          out.write(openid);
          out.write('\n');
        }
      }
      String id = "aud-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
      long count = seen.size();
      seen = null;
      Path target = file(id);
      if (Files.exists(target) && Files.exists(index(id))) {
        Files.delete(tmp);
      } else {
        // The index is written last: an audience exists once its index does.
        move(tmp, target);
        writeIndex(target, index(id), count);
      }
      return new Receipt(id, count, duplicates, invalidCount, invalid);
    } catch (IOException e) {
      throw new UncheckedIOException("storing an audience failed", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  public Receipt store(List<String> openids) {
    return store(
        new java.io.ByteArrayInputStream(
            String.join("\n", openids).getBytes(StandardCharsets.UTF_8)));
  }

  /** The number of recipients, or empty when there is no such audience. */
  public Optional<Long> count(String audienceId) {
    if (audienceId == null
        || !ID.matcher(audienceId).matches()
        || !Files.exists(index(audienceId))) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(Files.newInputStream(index(audienceId)))) {
      return Optional.of(in.readLong());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the index of audience " + audienceId, e);
    }
  }

  /** Openids at positions {@code [from, to)}. */
  public List<String> read(String audienceId, long from, long to) {
    long count =
        count(audienceId)
            .orElseThrow(() -> new IllegalArgumentException("no audience " + audienceId));
    long end = Math.min(to, count);
    List<String> out = new ArrayList<>((int) Math.max(0, end - from));
    if (from >= end) {
      return out;
    }
    try (RandomAccessFile file = new RandomAccessFile(file(audienceId).toFile(), "r")) {
      long stride = from / INDEX_STRIDE;
      file.seek(offset(audienceId, stride));
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(
                  Channels.newInputStream(file.getChannel()), StandardCharsets.UTF_8),
              1 << 16);
      long line = stride * INDEX_STRIDE;
      String s;
      while (line < end && (s = in.readLine()) != null) {
        if (line >= from) {
          out.add(s);
        }
        line++;
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audience " + audienceId, e);
    }
  }

  private long offset(String audienceId, long stride) throws IOException {
    try (RandomAccessFile idx = new RandomAccessFile(index(audienceId).toFile(), "r")) {
      idx.seek(8 + stride * 8);
      return idx.readLong();
    }
  }

  /** Index file: count, then the byte offset of every INDEX_STRIDE-th line. */
  private static void writeIndex(Path data, Path index, long count) throws IOException {
    Path tmp = index.resolveSibling(index.getFileName() + ".tmp");
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(data), 1 << 16);
        DataOutputStream out =
            new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeLong(count);
      long offset = 0;
      long line = 0;
      out.writeLong(0);
      int b;
      while ((b = in.read()) != -1) {
        offset++;
        if (b == '\n') {
          line++;
          if (line % INDEX_STRIDE == 0) {
            out.writeLong(offset);
          }
        }
      }
    }
    move(tmp, index);
  }

  private static String normalize(String line, boolean first) {
    String s = line.strip();
    if (first && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
      s = s.substring(1).strip();
    }
    int comma = s.indexOf(',');
    if (comma >= 0) {
      s = s.substring(0, comma).strip();
    }
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    if (s.isEmpty() || (first && s.equalsIgnoreCase("openid"))) {
      return null;
    }
    return s;
  }

  private Path file(String id) {
    return dir.resolve(id + ".txt");
  }

  private Path index(String id) {
    return dir.resolve(id + ".idx");
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // A leftover temp file is harmless.
      }
    }
  }
}
