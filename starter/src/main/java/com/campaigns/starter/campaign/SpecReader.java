package com.campaigns.starter.campaign;

import com.campaigns.starter.system.JsonPaths;
import com.campaigns.starter.system.SpecRejected;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.rules.FieldLimits;
import com.campaigns.workflows.rules.Violation;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Reads a campaign spec strictly: malformed JSON, unknown fields and values of the wrong type are
 * all reported as violations naming the field path, instead of being dropped or coerced (the
 * model's own annotations are lenient on purpose, for payloads in workflow history). The JSON tree
 * is checked against the model's properties first, so every problem is listed, not just the first
 * one Jackson would throw on.
 */
@Component
class SpecReader {

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();
  private final Map<JavaType, Map<String, JavaType>> properties =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The spec, or {@link SpecRejected} listing every JSON problem. */
  CampaignSpec read(byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      String field =
          e.getProcessor() instanceof JsonParser p ? JsonPaths.of(p.getParsingContext()) : "";
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new SpecRejected(
          List.of(new Violation(field, "malformed JSON: " + e.getOriginalMessage() + where)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new SpecRejected(
          List.of(new Violation("", "a campaign spec (a JSON object) is required")));
    }
    List<Violation> violations = new ArrayList<>();
    check(root, mapper.constructType(CampaignSpec.class), "", violations);
    if (!violations.isEmpty()) {
      throw new SpecRejected(violations);
    }
    try {
      return mapper.treeToValue(root, CampaignSpec.class);
    } catch (JsonProcessingException e) {
      // The tree check should have caught it; still report it as a spec problem, never a 500.
      String field =
          e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? JsonPaths.of(m) : "";
      throw new SpecRejected(
          List.of(new Violation(field, "cannot be read: " + e.getOriginalMessage())));
    }
  }

  /** Compact JSON with keys sorted and nulls dropped: equal specs give equal text. */
  String canonical(CampaignSpec spec) {
    try {
      return mapper.writeValueAsString(sorted(mapper.valueToTree(spec)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a campaign spec could not be written as JSON", e);
    }
  }

  /** SHA-256 (hex) of the canonical JSON: what makes a repeated start the same request. */
  String hash(CampaignSpec spec) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical(spec).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void check(JsonNode node, JavaType type, String path, List<Violation> out) {
    if (node.isNull()) {
      return; // the same as absent; the validator reports missing required fields
    }
    Class<?> raw = type.getRawClass();
    if (type.isCollectionLikeType()) {
      if (!node.isArray()) {
        out.add(new Violation(path, "must be an array"));
        return;
      }
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), type.getContentType(), JsonPaths.element(path, i), out);
      }
    } else if (raw == String.class) {
      if (!node.isTextual()) {
        out.add(new Violation(path, "must be a string"));
      }
    } else if (raw == Long.class || raw == long.class) {
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        out.add(new Violation(path, notAWholeNumber(path, node, Long.MAX_VALUE)));
      }
    } else if (raw == Integer.class || raw == int.class) {
      if (!node.isIntegralNumber() || !node.canConvertToInt()) {
        out.add(new Violation(path, notAWholeNumber(path, node, Integer.MAX_VALUE)));
      }
    } else if (raw == Double.class || raw == double.class) {
      if (!node.isNumber()) {
        out.add(new Violation(path, "must be a number"));
      }
    } else if (raw == Boolean.class || raw == boolean.class) {
      if (!node.isBoolean()) {
        out.add(new Violation(path, "must be true or false"));
      }
    } else if (!node.isObject()) {
      out.add(new Violation(path, "must be an object"));
    } else {
      Map<String, JavaType> known = propertiesOf(type);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String fieldPath = JsonPaths.child(path, field.getKey());
        JavaType fieldType = known.get(field.getKey());
        if (fieldType == null) {
          out.add(new Violation(fieldPath, "unknown field"));
        } else {
          check(field.getValue(), fieldType, fieldPath, out);
        }
      }
    }
  }

  /**
   * Why a value does not fit a whole-number field, with the figures: amounts are in fen, so a
   * decimal is shown as the fen it meant; a number past the type names the field's own maximum.
   */
  static String notAWholeNumber(String path, JsonNode node, long typeMax) {
    String field = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
    long max = FieldLimits.maximum(field).orElse(typeMax);
    if (node.isNumber() && !node.isIntegralNumber() && FieldLimits.inFen(field)) {
      java.math.BigDecimal fen =
          node.decimalValue().movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP);
      return "amounts are in fen (whole numbers, 100 fen = ¥1.00): for ¥"
          + node.decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
          + " send "
          + fen.toPlainString();
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().signum() < 0
          ? "is " + node.asText() + ", too small for this field"
          : "is " + node.asText() + "; must be at most " + max;
    }
    if (node.isNumber()) {
      return "must be a whole number (at most " + max + "), not " + node.asText();
    }
    return FieldLimits.inFen(field)
        ? "must be a whole number of fen (500 = ¥5.00)"
        : "must be a whole number (at most " + max + ")";
  }

  private Map<String, JavaType> propertiesOf(JavaType type) {
    return properties.computeIfAbsent(
        type,
        t -> {
          BeanDescription description = mapper.getDeserializationConfig().introspect(t);
          Map<String, JavaType> out = new HashMap<>();
          for (BeanPropertyDefinition p : description.findProperties()) {
            if (p.couldDeserialize()) {
              out.put(p.getName(), p.getPrimaryType());
            }
          }
          return out;
        });
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      node.fields().forEachRemaining(e -> fields.put(e.getKey(), sorted(e.getValue())));
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      fields.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> out.add(sorted(e)));
      return out;
    }
    return node;
  }
}
