package com.campaigns.ledger.audience;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first occurrence of each openid, in upload order, with memory bounded by {@code runSize}
 * whatever the upload's size: an external sort on disk. The openids are written in upload order to
 * one file and, {@code runSize} at a time, sorted by (openid, position) into runs; merging the runs
 * yields each openid's first position, and those positions, sorted on disk in the same way, select
 * the lines to keep from the first file. Exact, unlike a filter: no recipient is ever skipped.
 */
final class FirstOccurrences implements Closeable {

  /** Runs merged at once; more runs are merged in rounds. */
  static final int FAN_IN = 64;

  private static final int RUN_BUFFER = 1 << 14;

  private record Entry(String openid, long position) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::openid).thenComparingLong(Entry::position);

  private final Path dir;
  private final int runSize;
  private final AudienceLimits limits;
  private final BufferedWriter all;
  private final List<Entry> chunk = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private long positions = 0;
  private int files = 0;

  FirstOccurrences(Path dir, int runSize, AudienceLimits limits) throws IOException {
    this.dir = Files.createTempDirectory(dir, "dedup-");
    this.runSize = runSize;
    this.limits = limits;
    this.all = Files.newBufferedWriter(this.dir.resolve("all"), StandardCharsets.UTF_8);
  }

  /** The next valid openid of the upload. */
  void add(String openid) throws IOException {
    all.write(openid);
    all.write('\n');
    chunk.add(new Entry(openid, positions++));
    if (chunk.size() == runSize) {
      runs.add(writeRun());
    }
  }

  /**
   * Writes each distinct openid once, at its first position, one a line, to {@code out}.
   *
   * @return the number of distinct openids
   * @throws AudienceTooLarge past {@code max-recipients}
   */
  long writeDistinct(Writer out) throws IOException {
    all.close();
    if (!chunk.isEmpty()) {
      runs.add(writeRun());
    }
    List<Path> merged = runs;
    while (merged.size() > FAN_IN) {
      List<Path> next = new ArrayList<>();
      for (int i = 0; i < merged.size(); i += FAN_IN) {
        List<Path> group = merged.subList(i, Math.min(merged.size(), i + FAN_IN));
        Path run = newFile();
        try (BufferedWriter w = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
          mergeEntries(group, (openid, position) -> writeEntry(w, openid, position));
        }
        deleteAll(group);
        next.add(run);
      }
      merged = next;
    }
    PositionRuns firsts = new PositionRuns();
    long distinct =
        mergeEntries(
            merged,
            new EntrySink() {
              private long seen = 0;

              @Override
              public void accept(String openid, long position) throws IOException {
                limits.checkRecipients(++seen);
                firsts.add(position);
              }
            });
    try (PositionStream keep = firsts.sorted();
        BufferedReader in = Files.newBufferedReader(dir.resolve("all"), StandardCharsets.UTF_8)) {
      long next = keep.next();
      long position = 0;
      String openid;
      while (next >= 0 && (openid = in.readLine()) != null) {
        if (position++ == next) {
          out.write(openid);
          out.write('\n');
          next = keep.next();
        }
      }
    }
    return distinct;
  }

  @Override
  public void close() throws IOException {
    all.close();
    try (var listing = Files.list(dir)) {
      for (Path p : listing.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  @FunctionalInterface
  private interface EntrySink {
    void accept(String openid, long position) throws IOException;
  }

  /** A sorted run of distinct openids with their first position in it. */
  private Path writeRun() throws IOException {
    chunk.sort(ORDER);
    Path run = newFile();
    try (BufferedWriter w = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
      String previous = null;
      for (Entry e : chunk) {
        if (!e.openid().equals(previous)) {
          writeEntry(w, e.openid(), e.position());
          previous = e.openid();
        }
      }
    }
    chunk.clear();
    return run;
  }

  private static void writeEntry(Writer w, String openid, long position) throws IOException {
    w.write(openid);
    w.write('\t');
    w.write(Long.toString(position));
    w.write('\n');
  }

  /** Merges runs by (openid, position), handing each openid's first entry to the sink. */
  private static long mergeEntries(List<Path> runs, EntrySink sink) throws IOException {
    PriorityQueue<EntryRun> heads =
        new PriorityQueue<>(Comparator.comparing(EntryRun::head, ORDER));
    List<EntryRun> open = new ArrayList<>();
    try {
      for (Path run : runs) {
        EntryRun r = new EntryRun(run);
        open.add(r);
        if (r.advance()) {
          heads.add(r);
        }
      }
      long distinct = 0;
      String previous = null;
      while (!heads.isEmpty()) {
        EntryRun r = heads.poll();
        Entry e = r.head;
        if (!e.openid().equals(previous)) {
          sink.accept(e.openid(), e.position());
          previous = e.openid();
          distinct++;
        }
        if (r.advance()) {
          heads.add(r);
        }
      }
      return distinct;
    } finally {
      for (EntryRun r : open) {
        r.in.close();
      }
    }
  }

  private static final class EntryRun {
    final BufferedReader in;
    Entry head;

    EntryRun(Path run) throws IOException {
      in =
          new BufferedReader(
              new InputStreamReader(Files.newInputStream(run), StandardCharsets.UTF_8), RUN_BUFFER);
    }

    Entry head() {
      return head;
    }

    boolean advance() throws IOException {
      String line = in.readLine();
      if (line == null) {
        return false;
      }
      int tab = line.indexOf('\t');
      head = new Entry(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
      return true;
    }
  }

  /** Positions sorted on disk, {@code runSize} at a time, then merged. */
  private final class PositionRuns {
    private final long[] buffer = new long[runSize];
    private final List<Path> sortedRuns = new ArrayList<>();
    private int size = 0;

    void add(long position) throws IOException {
      buffer[size++] = position;
      if (size == buffer.length) {
        flush();
      }
    }

    private void flush() throws IOException {
      Arrays.sort(buffer, 0, size);
      Path run = newFile();
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), RUN_BUFFER))) {
        for (int i = 0; i < size; i++) {
          out.writeLong(buffer[i]);
        }
      }
      sortedRuns.add(run);
      size = 0;
    }

    PositionStream sorted() throws IOException {
      if (size > 0) {
        flush();
      }
      List<Path> merged = sortedRuns;
      while (merged.size() > FAN_IN) {
        List<Path> next = new ArrayList<>();
        for (int i = 0; i < merged.size(); i += FAN_IN) {
          List<Path> group = merged.subList(i, Math.min(merged.size(), i + FAN_IN));
          Path run = newFile();
          try (PositionStream in = new PositionStream(group);
              DataOutputStream out =
                  new DataOutputStream(
                      new BufferedOutputStream(Files.newOutputStream(run), RUN_BUFFER))) {
            long p;
            while ((p = in.next()) >= 0) {
              out.writeLong(p);
            }
          }
          deleteAll(group);
          next.add(run);
        }
        merged = next;
      }
      return new PositionStream(merged);
    }
  }

  /** Ascending positions merged from sorted binary runs; -1 at the end. */
  private static final class PositionStream implements Closeable {
    private final List<DataInputStream> inputs = new ArrayList<>();
    private final PriorityQueue<long[]> heads =
        new PriorityQueue<>(Comparator.comparingLong(h -> h[0]));

    PositionStream(List<Path> runs) throws IOException {
      for (Path run : runs) {
        DataInputStream in =
            new DataInputStream(new BufferedInputStream(Files.newInputStream(run), RUN_BUFFER));
        inputs.add(in);
        push(inputs.size() - 1);
      }
    }

    long next() throws IOException {
      long[] head = heads.poll();
      if (head == null) {
        return -1;
      }
      push((int) head[1]);
      return head[0];
    }

    private void push(int run) throws IOException {
      try {
        heads.add(new long[] {inputs.get(run).readLong(), run});
      } catch (EOFException end) {
        // This run is exhausted.
      }
    }

    @Override
    public void close() throws IOException {
      for (DataInputStream in : inputs) {
        in.close();
      }
    }
  }

  private Path newFile() {
    return dir.resolve("run-" + files++);
  }

  private static void deleteAll(List<Path> paths) throws IOException {
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }
}
