package com.campaigns.ledger.audience;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * An upload body generated line by line, never a String of the whole body: "user-0", "user-1", …
 * and, when {@code everyNth} is positive, after every n-th line a repeat of an earlier openid.
 */
final class GeneratedAudience extends InputStream {

  private final long distinct;
  private final long everyNth;
  private long next = 0;
  private byte[] current = new byte[0];
  private int pos = 0;

  GeneratedAudience(long distinct, long everyNth) {
    this.distinct = distinct;
    this.everyNth = everyNth;
  }

  /** The number of repeated lines the body will hold. */
  long duplicates() {
    return everyNth > 0 ? distinct / everyNth : 0;
  }

  @Override
  public int read() {
    if (pos == current.length && !advance()) {
      return -1;
    }
    return current[pos++];
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (pos == current.length && !advance()) {
      return -1;
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  private boolean advance() {
    if (next == distinct) {
      return false;
    }
    long i = next++;
    String line = "user-" + i + "\n";
    if (everyNth > 0 && (i + 1) % everyNth == 0) {
      line += "user-" + (i / 2) + "\n";
    }
    current = line.getBytes(StandardCharsets.US_ASCII);
    pos = 0;
    return true;
  }
}
