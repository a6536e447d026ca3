package com.campaigns.sandbox.stock;

import com.campaigns.sandbox.protocol.Rejected;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a request body, read by dotted path ({@code stock_use_rule.max_coupons}) and
 * refused as WeChat Pay refuses them: {@code 输入源“/body/…”映射到字段“…”…校验失败} with the path in {@code
 * detail.field}.
 */
final class BodyFields {

  private BodyFields() {}

  private static String pointer(String path) {
    return "/body/" + path.replace('.', '/');
  }

  static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  static Rejected required(String path) {
    return Rejected.paramError(
        "输入源“" + pointer(path) + "”映射到字段“" + leaf(path) + "”必填性规则校验失败,此字段为必填项",
        path,
        null,
        "required");
  }

  static Rejected typeError(String path, JsonNode value, String expected) {
    return Rejected.paramError(
        "输入源“" + pointer(path) + "”映射到字段“" + leaf(path) + "”类型校验失败,应为" + expected,
        path,
        value.toString(),
        "must be " + expected);
  }

  static Rejected lengthError(String path, String value, String issue) {
    return Rejected.paramError(
        "输入源“" + pointer(path) + "”映射到字段“" + leaf(path) + "”长度校验失败", path, value, issue);
  }

  static Rejected formatError(String path, String value, String issue) {
    return Rejected.paramError(
        "输入源“" + pointer(path) + "”映射到字段“" + leaf(path) + "”格式校验失败", path, value, issue);
  }

  static String text(JsonNode parent, String path, boolean required) {
    JsonNode node = parent.get(leaf(path));
    if (node == null || node.isNull()) {
      if (required) {
        throw required(path);
      }
      return null;
    }
    if (!node.isTextual()) {
      throw typeError(path, node, "string");
    }
    if (required && node.textValue().isEmpty()) {
      throw required(path);
    }
    return node.textValue();
  }

  static Instant time(JsonNode parent, String path) {
    String value = text(parent, path, true);
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw formatError(path, value, "RFC 3339 time such as 2026-12-01T10:00:00+08:00");
    }
  }

  static JsonNode object(JsonNode parent, String path, boolean required) {
    return object(parent, leaf(path), required, path);
  }

  static JsonNode object(JsonNode parent, String name, boolean required, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        throw required(path);
      }
      return null;
    }
    if (!node.isObject()) {
      throw typeError(path, node, "object");
    }
    return node;
  }

  static boolean bool(JsonNode parent, String name, String path, boolean required) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        throw required(path);
      }
      return false;
    }
    if (!node.isBoolean()) {
      throw typeError(path, node, "boolean");
    }
    return node.booleanValue();
  }

  static long number(JsonNode parent, String path, boolean required) {
    Long value = optionalNumber(parent, path);
    if (value == null) {
      throw required(path);
    }
    return value;
  }

  static Long optionalNumber(JsonNode parent, String path) {
    JsonNode node = parent.get(leaf(path));
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw typeError(path, node, "integer");
    }
    return node.longValue();
  }

  static List<String> strings(JsonNode parent, String path) {
    JsonNode node = parent.get(leaf(path));
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw typeError(path, node, "array of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw typeError(path, element, "array of strings");
      }
      values.add(element.textValue());
    }
    return List.copyOf(values);
  }
}
