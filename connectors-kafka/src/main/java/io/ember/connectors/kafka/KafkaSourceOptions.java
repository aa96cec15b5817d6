package io.ember.connectors.kafka;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.TopicPartition;

/**
 * The options of {@code spark.read.format("kafka")} and {@code spark.readStream.format("kafka")}, checked as Spark
 * checks them (keys case-insensitive, Spark's messages):
 *
 * <ul>
 *   <li>exactly one of {@code subscribe} (comma-separated topics), {@code subscribePattern} (a Java regex over topic
 *       names) and {@code assign} (JSON topic-partitions);
 *   <li>{@code kafka.bootstrap.servers}, required; every other {@code kafka.*} option goes to the consumer without the
 *       prefix, except those Spark rejects ({@code auto.offset.reset}, {@code key.deserializer},
 *       {@code value.deserializer}, {@code enable.auto.commit}, {@code interceptor.classes});
 *   <li>{@code startingOffsets}: {@code earliest}, {@code latest} (streams' default) or JSON offsets per partition
 *       (-2 earliest, -1 latest); batch reads default to {@code earliest} and refuse {@code latest};
 *   <li>{@code endingOffsets} (batch reads only): {@code latest} (default) or JSON offsets;
 *   <li>{@code maxOffsetsPerTrigger} (streams): a limit on the records read per epoch;
 *   <li>{@code failOnDataLoss} (default true): fail when offsets to read are no longer in Kafka, else go on from the
 *       earliest available one.
 * </ul>
 *
 * Spark options that Ember does not implement ({@code minPartitions}, the timestamp-based offsets,
 * {@code includeHeaders=true}, {@code minOffsetsPerTrigger}, {@code maxTriggerDelay}) fail with
 * {@code KAFKA_OPTION_NOT_SUPPORTED} instead of being silently ignored.
 *
 * @param strategy which topic-partitions to read
 * @param consumerParams the {@code kafka.*} options without the prefix
 * @param starting where a new query starts
 * @param ending where a batch read ends (null for streams)
 * @param maxOffsetsPerTrigger the most records per epoch, or 0 for no limit
 * @param failOnDataLoss whether lost offsets fail the query
 */
record KafkaSourceOptions(Strategy strategy, Map<String, String> consumerParams, OffsetSpec starting,
    OffsetSpec ending, long maxOffsetsPerTrigger, boolean failOnDataLoss) {

  /** Which topic-partitions a source reads. */
  sealed interface Strategy {
    /** Spark's description, e.g. {@code Subscribe[events, clicks]}. */
    String describe();
  }

  /** {@code subscribe}: every partition of these topics. */
  record Subscribe(List<String> topics) implements Strategy {
    @Override
    public String describe() {
      return "Subscribe[" + String.join(", ", topics) + "]";
    }
  }

  /** {@code subscribePattern}: every partition of the topics whose whole name matches. */
  record SubscribePattern(Pattern pattern) implements Strategy {
    @Override
    public String describe() {
      return "SubscribePattern[" + pattern.pattern() + "]";
    }
  }

  /** {@code assign}: exactly these topic-partitions. */
  record Assign(List<TopicPartition> partitions) implements Strategy {
    @Override
    public String describe() {
      return "Assign" + partitions;
    }
  }

  /** A position option: earliest, latest, or offsets per topic-partition. */
  sealed interface OffsetSpec {}

  /** The earliest available offsets. */
  record Earliest() implements OffsetSpec {}

  /** The latest offsets (the next to be written). */
  record Latest() implements OffsetSpec {}

  /** Offsets per topic-partition; {@link KafkaJson#EARLIEST} and {@link KafkaJson#LATEST} allowed. */
  record Specific(Map<TopicPartition, Long> offsets) implements OffsetSpec {}

  static final String BOOTSTRAP = "kafka.bootstrap.servers";
  private static final List<String> STRATEGIES = List.of("assign", "subscribe", "subscribePattern");
  private static final List<String> NOT_SUPPORTED = List.of("minPartitions", "startingOffsetsByTimestamp",
      "endingOffsetsByTimestamp", "startingTimestamp", "endingTimestamp", "minOffsetsPerTrigger", "maxTriggerDelay",
      "startingOffsetsByTimestampStrategy");

  /** The bootstrap servers, as given. */
  String bootstrapServers() {
    return consumerParams.get("bootstrap.servers");
  }

  /** Options of a streaming read. */
  static KafkaSourceOptions forStream(Map<String, String> options) {
    if (get(options, "endingOffsets") != null) {
      throw invalid("ending offset not valid in streaming queries");
    }
    return parse(options, new Latest(), null, true);
  }

  /** Options of a batch read. */
  static KafkaSourceOptions forBatch(Map<String, String> options) {
    KafkaSourceOptions o = parse(options, new Earliest(), new Latest(), false);
    if (o.starting instanceof Latest) {
      throw invalid("starting offset can't be latest for batch queries on Kafka");
    }
    if (o.starting instanceof Specific s) {
      s.offsets.forEach((tp, off) -> {
        if (off == KafkaJson.LATEST) {
          throw invalid("startingOffsets for " + tp + " can't be latest for batch queries on Kafka");
        }
      });
    }
    if (o.ending instanceof Earliest) {
      throw invalid("ending offset can't be earliest for batch queries on Kafka");
    }
    if (o.ending instanceof Specific s) {
      s.offsets.forEach((tp, off) -> {
        if (off == KafkaJson.EARLIEST) {
          throw invalid("ending offset for " + tp + " can't be earliest for batch queries on Kafka");
        }
      });
    }
    return o;
  }

  private static KafkaSourceOptions parse(Map<String, String> options, OffsetSpec defaultStart, OffsetSpec defaultEnd,
      boolean stream) {
    List<String> given = new ArrayList<>();
    for (String s : STRATEGIES) {
      if (get(options, s) != null) {
        given.add(s);
      }
    }
    String names = String.join(", ", STRATEGIES);
    if (given.isEmpty()) {
      throw invalid("One of the following options must be specified for Kafka source: " + names
          + ". See the docs for more details.");
    }
    if (given.size() > 1) {
      throw invalid("Only one of the following options can be specified for Kafka source: " + names
          + ". See the docs for more details.");
    }
    Strategy strategy = strategy(given.get(0), get(options, given.get(0)));
    for (String key : NOT_SUPPORTED) {
      if (get(options, key) != null) {
        throw new EmberIllegalArgumentException("KAFKA_OPTION_NOT_SUPPORTED", "The Kafka source option '" + key
            + "' is not supported by Ember yet; remove it (see the README's Kafka section for what is supported).");
      }
    }
    String headers = get(options, "includeHeaders");
    if (headers != null && Boolean.parseBoolean(headers.trim())) {
      throw new EmberIllegalArgumentException("KAFKA_OPTION_NOT_SUPPORTED", "The Kafka source option"
          + " 'includeHeaders' is not supported by Ember yet: records are read without their headers.");
    }
    Map<String, String> consumer = consumerParams(options);
    rejectConsumerOption(consumer, "auto.offset.reset", "Kafka option 'auto.offset.reset' is not supported. Instead set"
        + " the source option 'startingoffsets' to 'earliest' or 'latest' to specify where to start. The query keeps"
        + " track of the offsets it consumed itself; 'startingoffsets' only applies when a new query starts, and a"
        + " restarted query always goes on from where it left off.");
    rejectConsumerOption(consumer, "key.deserializer", "Kafka option 'key.deserializer' is not supported as keys are"
        + " deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize"
        + " the keys.");
    rejectConsumerOption(consumer, "value.deserializer", "Kafka option 'value.deserializer' is not supported as"
        + " values are deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly"
        + " deserialize the values.");
    rejectConsumerOption(consumer, "enable.auto.commit", "Kafka option 'enable.auto.commit' is not supported");
    rejectConsumerOption(consumer, "interceptor.classes", "Kafka option 'interceptor.classes' is not supported");
    requireBootstrap(consumer, "consumer");
    OffsetSpec starting = offsetSpec(options, "startingOffsets", defaultStart);
    OffsetSpec ending = defaultEnd == null ? null : offsetSpec(options, "endingOffsets", defaultEnd);
    long max = 0;
    String maxText = get(options, "maxOffsetsPerTrigger");
    if (maxText != null && stream) {
      try {
        max = Long.parseLong(maxText.trim());
      } catch (NumberFormatException e) {
        throw new EmberIllegalArgumentException("INVALID_OPTION_VALUE", "Invalid value '" + maxText
            + "' for the option 'maxOffsetsPerTrigger': expected a positive integer.");
      }
      if (max <= 0) {
        throw new EmberIllegalArgumentException("INVALID_OPTION_VALUE", "Invalid value '" + maxText
            + "' for the option 'maxOffsetsPerTrigger': it must be positive.");
      }
    }
    String fail = get(options, "failOnDataLoss");
    boolean failOnDataLoss = true;
    if (fail != null) {
      String f = fail.trim().toLowerCase(Locale.ROOT);
      if (!f.equals("true") && !f.equals("false")) {
        throw new EmberIllegalArgumentException("INVALID_OPTION_VALUE", "Invalid value '" + fail
            + "' for the option 'failOnDataLoss': expected true or false.");
      }
      failOnDataLoss = f.equals("true");
    }
    return new KafkaSourceOptions(strategy, Map.copyOf(consumer), starting, ending, max, failOnDataLoss);
  }

  private static Strategy strategy(String key, String value) {
    switch (key) {
      case "assign": {
        if (!value.trim().startsWith("{")) {
          throw invalid("No topicpartitions to assign as specified value for option 'assign' is '" + value + "'");
        }
        return new Assign(List.copyOf(KafkaJson.partitions("assign", value)));
      }
      case "subscribe": {
        List<String> topics = new ArrayList<>();
        for (String t : value.split(",")) {
          if (!t.trim().isEmpty()) {
            topics.add(t.trim());
          }
        }
        if (topics.isEmpty()) {
          throw invalid("No topics to subscribe to as specified value for option 'subscribe' is '" + value + "'");
        }
        return new Subscribe(List.copyOf(topics));
      }
      default: {
        if (value.trim().isEmpty()) {
          throw invalid("Pattern to subscribe is empty as specified value for option 'subscribePattern' is '"
              + value + "'");
        }
        try {
          return new SubscribePattern(Pattern.compile(value.trim()));
        } catch (PatternSyntaxException e) {
          throw invalid("Invalid value '" + value + "' for option 'subscribePattern': " + e.getDescription());
        }
      }
    }
  }

  private static OffsetSpec offsetSpec(Map<String, String> options, String key, OffsetSpec fallback) {
    String v = get(options, key);
    if (v == null) {
      return fallback;
    }
    String t = v.trim();
    if (t.equalsIgnoreCase("latest")) {
      return new Latest();
    }
    if (t.equalsIgnoreCase("earliest")) {
      return new Earliest();
    }
    return new Specific(Map.copyOf(KafkaJson.partitionOffsets(key, t)));
  }

  /** The {@code kafka.*} options without the prefix (the rest of the key as written). */
  static Map<String, String> consumerParams(Map<String, String> options) {
    Map<String, String> out = new LinkedHashMap<>();
    options.forEach((k, v) -> {
      if (k.toLowerCase(Locale.ROOT).startsWith("kafka.")) {
        out.put(k.substring(6), v);
      }
    });
    return out;
  }

  static void requireBootstrap(Map<String, String> params, String client) {
    String servers = params.get("bootstrap.servers");
    if (servers == null || servers.isBlank()) {
      throw invalid("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka " + client);
    }
  }

  private static void rejectConsumerOption(Map<String, String> params, String key, String message) {
    if (params.containsKey(key)) {
      throw invalid(message);
    }
  }

  /** The value of {@code key} in any case, or null. */
  static String get(Map<String, String> options, String key) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  static EmberIllegalArgumentException invalid(String message) {
    return new EmberIllegalArgumentException("KAFKA_INVALID_OPTION", message);
  }
}
