package com.campaigns.ledger.audience;

import com.campaigns.ledger.audience.AudienceStore.Invalid;
import com.campaigns.workflows.rules.SpecValidator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines of an uploaded audience, read the same way by every store: one openid per line (a CSV's
 * first column; a header line "openid" is skipped), trimmed, blank lines dropped, a leading BOM
 * ignored, lines that are not openids reported. Duplicates are the store's to remove.
 */
final class AudienceLines {

  /** Full SHA-256 ids, and the 16-digit ids of audiences stored before they were full. */
  private static final Pattern ID = Pattern.compile("^aud-([0-9a-f]{64}|[0-9a-f]{16})$");

  private static final int MAX_INVALID_REPORTED = 100;

  /** Bytes read from the body at a time: the most an upload is read past a limit. */
  static final int READ_BUFFER = 1 << 16;

  /** Receives each valid openid with its 1-based line number, in upload order. */
  @FunctionalInterface
  interface Sink {
    void accept(long line, String openid) throws Exception;
  }

  /** What the lines held besides the openids handed to the sink. */
  record Parsed(long openids, long invalidCount, List<Invalid> invalid) {}

  private AudienceLines() {}

  /**
   * Splits the body into lines as {@link java.io.BufferedReader#readLine} does (LF, CR or CRLF)
   * without ever holding more than one line of at most {@code limits.maxLineLength()} bytes and one
   * read buffer: a longer line or a larger body is refused as soon as it is read.
   */
  static Parsed parse(InputStream body, AudienceLimits limits, Sink sink) throws Exception {
    List<Invalid> invalid = new ArrayList<>();
    long[] invalidCount = {0};
    long openids = 0;
    long lineNo = 0;
    long total = 0;
    byte[] buffer = new byte[READ_BUFFER];
    byte[] line = new byte[limits.maxLineLength()];
    int length = 0;
    boolean afterCr = false;
    int n;
    while ((n = body.read(buffer)) != -1) {
      total += n;
      if (total > limits.maxBytes()) {
        throw new AudienceTooLarge(
            AudienceTooLarge.Limit.BYTES,
            limits.maxBytes(),
            "the upload exceeds campaigns.audiences.max-bytes = " + limits.maxBytes() + " bytes");
      }
      for (int i = 0; i < n; i++) {
        byte b = buffer[i];
        if (b == '\n' || b == '\r') {
          if (b == '\n' && afterCr) {
            afterCr = false;
            continue;
          }
          afterCr = b == '\r';
          lineNo++;
          if (accept(line, length, lineNo, invalid, invalidCount, sink)) {
            openids++;
          }
          length = 0;
          continue;
        }
        afterCr = false;
        if (length == line.length) {
          throw new AudienceTooLarge(
              AudienceTooLarge.Limit.LINE_LENGTH,
              limits.maxLineLength(),
              "line "
                  + (lineNo + 1)
                  + " exceeds campaigns.audiences.max-line-length = "
                  + limits.maxLineLength()
                  + " bytes");
        }
        line[length++] = b;
      }
    }
    if (length > 0) {
      lineNo++;
      if (accept(line, length, lineNo, invalid, invalidCount, sink)) {
        openids++;
      }
    }
    return new Parsed(openids, invalidCount[0], invalid);
  }

  /** Hands one line's openid to the sink, or counts the line invalid; false unless an openid. */
  private static boolean accept(
      byte[] bytes, int length, long lineNo, List<Invalid> invalid, long[] invalidCount, Sink sink)
      throws Exception {
    String line = new String(bytes, 0, length, StandardCharsets.UTF_8);
    String openid = normalize(line, lineNo == 1);
    if (openid == null) {
      return false;
    }
    if (!SpecValidator.OPENID.matcher(openid).matches()) {
      invalidCount[0]++;
      if (invalid.size() < MAX_INVALID_REPORTED) {
        invalid.add(new Invalid(lineNo, line.length() > 200 ? line.substring(0, 200) : line));
      }
      return false;
    }
    sink.accept(lineNo, openid);
    return true;
  }

  /** Whether {@code id} can name an audience (anything else is absent, never a path or a query). */
  static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /**
   * The digest an audience's id comes from: fed each distinct openid and a newline, in order, so
   * the same list gives the same id in every store.
   */
  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String id(byte[] sha256) {
    return "aud-" + HexFormat.of().formatHex(sha256);
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
}
