package io.ember.api.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/** The JSON of progress reports and events, shaped as Spark's: NaN rates and empty maps are left out. */
final class ProgressJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ProgressJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Spark's progress timestamp format, in UTC: {@code 2016-12-14T18:45:24.873Z}. */
  static String formatMillis(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis));
  }

  /** Puts {@code value} unless it is NaN or infinite (Spark omits those). */
  static void putRate(ObjectNode node, String field, double value) {
    if (!Double.isNaN(value) && !Double.isInfinite(value)) {
      node.put(field, value);
    }
  }

  /** Puts the map with its keys sorted, unless it is empty (Spark omits empty maps). */
  static void putLongs(ObjectNode node, String field, Map<String, Long> map) {
    if (!map.isEmpty()) {
      ObjectNode o = node.putObject(field);
      new TreeMap<>(map).forEach(o::put);
    }
  }

  static void putStrings(ObjectNode node, String field, Map<String, String> map) {
    if (!map.isEmpty()) {
      ObjectNode o = node.putObject(field);
      new TreeMap<>(map).forEach(o::put);
    }
  }

  /** An offset as JSON when it parses as JSON, else as a string; null stays null. */
  static void putOffset(ObjectNode node, String field, String offset) {
    if (offset == null) {
      node.putNull(field);
      return;
    }
    try {
      JsonNode parsed = MAPPER.readTree(offset);
      node.set(field, parsed == null || parsed.isMissingNode() ? MAPPER.getNodeFactory().textNode(offset) : parsed);
    } catch (JsonProcessingException e) {
      node.put(field, offset);
    }
  }

  static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A progress tree always serializes", e);
    }
  }

  static String pretty(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A progress tree always serializes", e);
    }
  }
}
