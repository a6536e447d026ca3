package com.campaigns.ledger.audience;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audiences as immutable files in a directory ({@code campaigns.audiences.store=file}): one
 * normalized, de-duplicated openid per line, plus an index of byte offsets so a segment is read
 * without scanning the file. Uploads are streamed and de-duplicated on disk ({@link
 * FirstOccurrences}): memory stays bounded whatever the upload's size. Every process that reads or
 * writes audiences must see the same directory, so this store suits one machine (the local stack);
 * {@link DatabaseAudienceStore} needs no shared mount.
 */
public class FileAudienceStore implements AudienceStore {

  /** Offsets are indexed every this many lines. */
  static final int INDEX_STRIDE = 1024;

  /** Openids sorted in memory at a time while de-duplicating (about 100 bytes each). */
  static final int RUN_SIZE = 100_000;

  private final Path dir;
  private final AudienceLimits limits;
  private final int runSize;

  public FileAudienceStore(Path dir) {
    this(dir, AudienceLimits.DEFAULTS);
  }

  public FileAudienceStore(Path dir, AudienceLimits limits) {
    this(dir, limits, RUN_SIZE);
  }

  FileAudienceStore(Path dir, AudienceLimits limits, int runSize) {
    this.dir = dir;
    this.limits = limits;
    this.runSize = runSize;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the audience directory " + dir, e);
    }
  }

  public Path directory() {
    return dir;
  }

  @Override
  public Receipt store(InputStream body) {
    Path tmp = null;
    try (FirstOccurrences firsts = new FirstOccurrences(dir, runSize, limits)) {
      AudienceLines.Parsed parsed =
          AudienceLines.parse(body, limits, (line, openid) -> firsts.add(openid));
      tmp = Files.createTempFile(dir, "upload-", ".tmp");
      MessageDigest sha = AudienceLines.digest();
      long count;
      try (OutputStream raw = Files.newOutputStream(tmp);
          DigestOutputStream digest = new DigestOutputStream(raw, sha);
          BufferedWriter out =
              new BufferedWriter(new OutputStreamWriter(digest, StandardCharsets.UTF_8), 1 << 16)) {
        count = firsts.writeDistinct(out);
      }
      String id = AudienceLines.id(sha.digest());
      Path target = file(id);
      if (Files.exists(target) && Files.exists(index(id))) {
        Files.delete(tmp);
      } else {
        // The index is written last: an audience exists once its index does.
        move(tmp, target);
        writeIndex(target, index(id), count);
      }
      return new Receipt(
          id, count, parsed.openids() - count, parsed.invalidCount(), parsed.invalid());
    } catch (IOException e) {
      throw new UncheckedIOException("storing an audience failed", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("storing an audience failed", e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  @Override
  public Optional<Long> count(String audienceId) {
    if (!AudienceLines.isId(audienceId) || !Files.exists(index(audienceId))) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(Files.newInputStream(index(audienceId)))) {
      return Optional.of(in.readLong());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the index of audience " + audienceId, e);
    }
  }

  @Override
  public List<String> readRange(String audienceId, long from, long end) {
    List<String> out = new ArrayList<>((int) (end - from));
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
