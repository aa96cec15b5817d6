package io.ember.connectors.kafka;

import io.ember.core.errors.EmberRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Makes Kafka consumers and producers from the user's {@code kafka.*} options, looks up topic-partitions and offsets,
 * and turns the clients' failures into Ember's errors naming the bootstrap servers.
 */
final class KafkaClients {
  /** How long a look-up waits for the brokers when the user did not set {@code kafka.default.api.timeout.ms}. */
  static final Duration DEFAULT_API_TIMEOUT = Duration.ofSeconds(60);

  private KafkaClients() {}

  /**
   * A consumer of byte arrays with no group, no auto-commit and {@code auto.offset.reset=none} (the reader decides
   * every position itself; a position that is no longer in Kafka is reported, not silently moved).
   */
  static KafkaConsumer<byte[], byte[]> consumer(Map<String, String> params) {
    Map<String, Object> config = new HashMap<>(params);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.putIfAbsent(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ember-kafka-source");
    return call(params, "create a Kafka consumer", () -> new KafkaConsumer<>(config));
  }

  /** A producer of byte arrays ({@code acks=all} unless the options say otherwise). */
  static KafkaProducer<byte[], byte[]> producer(Map<String, String> params) {
    Map<String, Object> config = new HashMap<>(params);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ember-kafka-sink");
    return call(params, "create a Kafka producer", () -> new KafkaProducer<>(config));
  }

  /** The timeout of blocking look-ups: {@code kafka.default.api.timeout.ms}, else a minute. */
  static Duration apiTimeout(Map<String, String> params) {
    String v = params.get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    if (v != null) {
      try {
        return Duration.ofMillis(Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        // the consumer itself rejects the value when it is created
      }
    }
    return DEFAULT_API_TIMEOUT;
  }

  /** The topic-partitions {@code strategy} names now, sorted by topic then partition. */
  static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, KafkaSourceOptions options) {
    return partitions(consumer, options, apiTimeout(options.consumerParams()));
  }

  /** As {@link #partitions(KafkaConsumer, KafkaSourceOptions)}, waiting at most {@code timeout} per look-up. */
  static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, KafkaSourceOptions options,
      Duration timeout) {
    Map<String, String> params = options.consumerParams();
    List<TopicPartition> out = new ArrayList<>();
    KafkaSourceOptions.Strategy strategy = options.strategy();
    if (strategy instanceof KafkaSourceOptions.Assign a) {
      out.addAll(a.partitions());
    } else {
      // the topics as the brokers know them now (partitionsFor would answer from the consumer's metadata cache,
      // which does not see partitions added since it was filled)
      java.util.function.Predicate<String> wanted = strategy instanceof KafkaSourceOptions.Subscribe s
          ? s.topics()::contains
          : name -> ((KafkaSourceOptions.SubscribePattern) strategy).pattern().matcher(name).matches()
              && !name.startsWith("__");
      Map<String, List<PartitionInfo>> topics = call(params, "list the topics", () -> consumer.listTopics(timeout));
      topics.forEach((topic, infos) -> {
        if (wanted.test(topic)) {
          for (PartitionInfo info : infos) {
            out.add(new TopicPartition(info.topic(), info.partition()));
          }
        }
      });
    }
    out.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    return List.copyOf(new java.util.LinkedHashSet<>(out));
  }

  /** The earliest available offset of each partition. */
  static Map<TopicPartition, Long> earliest(KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> tps,
      Map<String, String> params) {
    if (tps.isEmpty()) {
      return Map.of();
    }
    return new LinkedHashMap<>(call(params, "look up the earliest offsets of " + tps,
        () -> consumer.beginningOffsets(tps, apiTimeout(params))));
  }

  /** The latest offset (the next to be written) of each partition. */
  static Map<TopicPartition, Long> latest(KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> tps,
      Map<String, String> params) {
    if (tps.isEmpty()) {
      return Map.of();
    }
    return new LinkedHashMap<>(call(params, "look up the latest offsets of " + tps,
        () -> consumer.endOffsets(tps, apiTimeout(params))));
  }

  /**
   * Runs a client call, turning a timeout into {@code KAFKA_BROKERS_UNREACHABLE} and any other client failure into
   * {@code KAFKA_CLIENT_ERROR}, both naming the bootstrap servers and what was being done.
   */
  static <T> T call(Map<String, String> params, String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (KafkaException e) {
      throw failure(params, what, e);
    }
  }

  /** {@code KAFKA_BROKERS_UNREACHABLE} for a timeout, else {@code KAFKA_CLIENT_ERROR}; both name the servers. */
  static EmberRuntimeException failure(Map<String, String> params, String what, KafkaException e) {
    if (e instanceof TimeoutException) {
      return unreachable(params, what, e);
    }
    return new EmberRuntimeException("KAFKA_CLIENT_ERROR", "Could not " + what + " at the Kafka brokers "
        + params.get("bootstrap.servers") + " (option kafka.bootstrap.servers): " + e.getMessage(), e);
  }

  static EmberRuntimeException unreachable(Map<String, String> params, String what, Exception cause) {
    return new EmberRuntimeException("KAFKA_BROKERS_UNREACHABLE", "Could not " + what + ": the Kafka brokers "
        + params.get("bootstrap.servers") + " (option kafka.bootstrap.servers) did not answer within "
        + apiTimeout(params).toMillis() + " ms. Check that they run and that the addresses are right; the option"
        + " kafka.default.api.timeout.ms sets how long to wait. (" + cause.getMessage() + ")", cause);
  }
}
