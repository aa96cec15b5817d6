package io.ember.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The JSON forms of Spark's Kafka options: topic-partitions ({@code assign}: {@code {"topicA":[0,1],"topicB":[2]}})
 * and offsets per topic-partition ({@code startingOffsets}/{@code endingOffsets}:
 * {@code {"topicA":{"0":23,"1":-1},"topicB":{"0":-2}}}, where -2 means earliest and -1 latest).
 */
final class KafkaJson {
  /** The offset that stands for a partition's earliest available offset. */
  static final long EARLIEST = -2;
  /** The offset that stands for a partition's latest offset (the next one to be written). */
  static final long LATEST = -1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private KafkaJson() {}

  /** The topic-partitions of {@code json}, in the order written. */
  static List<TopicPartition> partitions(String option, String json) {
    JsonNode root = parse(option, json, "{\"topicA\":[0,1],\"topicB\":[2,4]}");
    List<TopicPartition> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isArray()) {
        throw badJson(option, json, "{\"topicA\":[0,1],\"topicB\":[2,4]}");
      }
      for (JsonNode p : e.getValue()) {
        if (!p.isInt()) {
          throw badJson(option, json, "{\"topicA\":[0,1],\"topicB\":[2,4]}");
        }
        out.add(new TopicPartition(e.getKey(), p.intValue()));
      }
    }
    return out;
  }

  /** The offsets of {@code json} by topic-partition, in the order written. */
  static Map<TopicPartition, Long> partitionOffsets(String option, String json) {
    String example = "{\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}";
    JsonNode root = parse(option, json, example);
    Map<TopicPartition, Long> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> topic = it.next();
      if (!topic.getValue().isObject()) {
        throw badJson(option, json, example);
      }
      for (Iterator<Map.Entry<String, JsonNode>> ps = topic.getValue().fields(); ps.hasNext(); ) {
        Map.Entry<String, JsonNode> p = ps.next();
        int partition;
        try {
          partition = Integer.parseInt(p.getKey());
        } catch (NumberFormatException e) {
          throw badJson(option, json, example);
        }
        if (!p.getValue().canConvertToLong() || !p.getValue().isIntegralNumber()) {
          throw badJson(option, json, example);
        }
        out.put(new TopicPartition(topic.getKey(), partition), p.getValue().longValue());
      }
    }
    return out;
  }

  /** {@code {"topic":{"0":12,"1":40}}}, topics and partitions sorted: Spark's offset JSON for progress reports. */
  static String offsetsJson(Map<TopicPartition, Long> offsets) {
    Map<String, Map<Integer, Long>> sorted = new TreeMap<>();
    offsets.forEach((tp, off) -> sorted.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), off));
    ObjectNode root = MAPPER.createObjectNode();
    sorted.forEach((topic, parts) -> {
      ObjectNode t = root.putObject(topic);
      parts.forEach((p, off) -> t.put(Integer.toString(p), off));
    });
    return root.toString();
  }

  private static JsonNode parse(String option, String json, String example) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || !root.isObject()) {
        throw badJson(option, json, example);
      }
      return root;
    } catch (JsonProcessingException e) {
      throw badJson(option, json, example);
    }
  }

  private static EmberIllegalArgumentException badJson(String option, String json, String example) {
    return new EmberIllegalArgumentException("KAFKA_INVALID_OPTION_JSON", "Expected e.g. " + example
        + " for the Kafka option '" + option + "', got " + json);
  }
}
