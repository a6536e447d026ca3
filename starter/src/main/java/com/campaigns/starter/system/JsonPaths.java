package com.campaigns.starter.system;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Field paths in the notation of spec violations: {@code waves[1].start_at}. */
public final class JsonPaths {

  private JsonPaths() {}

  public static String of(JsonMappingException e) {
    return of(e.getPath());
  }

  public static String of(List<JsonMappingException.Reference> path) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        append(b, r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  /** Where a streaming parser was when it failed. */
  public static String of(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    String joined = String.join("", parts);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }

  public static String child(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  public static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }

  private static void append(StringBuilder b, String field) {
    if (!b.isEmpty()) {
      b.append('.');
    }
    b.append(field);
  }
}
