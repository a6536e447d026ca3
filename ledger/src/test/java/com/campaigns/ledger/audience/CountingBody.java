package com.campaigns.ledger.audience;

import java.io.InputStream;

/**
 * An upload body of {@code size} bytes produced lazily, never materialised: the byte at position i
 * is {@code pattern[i % pattern.length]}. Counts the bytes read from it.
 */
final class CountingBody extends InputStream {

  private final long size;
  private final byte[] pattern;
  private long read = 0;

  CountingBody(long size, byte[] pattern) {
    this.size = size;
    this.pattern = pattern;
  }

  /** One line of {@code size} letters, no line break. */
  static CountingBody oneLine(long size) {
    return new CountingBody(size, new byte[] {'a'});
  }

  long bytesRead() {
    return read;
  }

  @Override
  public int read() {
    if (read == size) {
      return -1;
    }
    return pattern[(int) (read++ % pattern.length)];
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (read == size) {
      return -1;
    }
    int n = (int) Math.min(len, size - read);
    for (int i = 0; i < n; i++) {
      b[off + i] = pattern[(int) ((read + i) % pattern.length)];
    }
    read += n;
    return n;
  }
}
