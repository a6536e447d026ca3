package com.campaigns.starter.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.HttpStatus;

/** Reads a request body into memory up to a limit; a larger body is refused with 413. */
public final class BoundedBody {

  private BoundedBody() {}

  /**
   * @param declaredLength the Content-Length header, or -1; checked first so an oversized body is
   *     refused without reading it
   */
  public static byte[] read(InputStream in, long declaredLength, int limit) {
    if (declaredLength > limit) {
      throw tooLarge(limit);
    }
    try {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw tooLarge(limit);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body failed", e);
    }
  }

  private static RequestRejected tooLarge(int limit) {
    return new RequestRejected(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "payload_too_large",
        "the request body exceeds " + limit + " bytes");
  }
}
