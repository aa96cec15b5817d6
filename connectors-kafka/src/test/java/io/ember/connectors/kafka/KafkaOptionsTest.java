package io.ember.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.file.SaveMode;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The options of the Kafka source and sink are checked as Spark checks them, before anything connects. */
class KafkaOptionsTest {
  private static Map<String, String> opts(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String streamError(String... kv) {
    return assertThrows(EmberException.class, () -> KafkaSource.stream(opts(kv))).getMessage();
  }

  @Test
  void missingBootstrapServersIsNamed() {
    String m = streamError("subscribe", "t");
    assertTrue(m.contains("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer"), m);
    String sink = assertThrows(EmberIllegalArgumentException.class,
        () -> KafkaSink.stream(opts("topic", "t"), DataTypes.struct(DataTypes.field("value", DataTypes.STRING))))
        .getMessage();
    assertTrue(sink.contains("configuring Kafka producer"), sink);
  }

  @Test
  void exactlyOneOfSubscribeSubscribePatternAndAssign() {
    String none = streamError("kafka.bootstrap.servers", "h:1");
    assertTrue(none.contains("One of the following options must be specified for Kafka source: assign, subscribe,"
        + " subscribePattern"), none);
    String two = streamError("kafka.bootstrap.servers", "h:1", "subscribe", "a", "SubscribePattern", "a.*");
    assertTrue(two.contains("Only one of the following options can be specified"), two);
    assertTrue(streamError("kafka.bootstrap.servers", "h:1", "subscribe", " , ").contains("No topics to subscribe"));
    assertTrue(streamError("kafka.bootstrap.servers", "h:1", "assign", "t-0").contains("No topicpartitions"));
    assertTrue(streamError("kafka.bootstrap.servers", "h:1", "subscribePattern", "(").contains("subscribePattern"));
  }

  @Test
  void consumerOptionsSparkRejectsAreRejected() {
    String m = streamError("kafka.bootstrap.servers", "h:1", "subscribe", "t", "kafka.auto.offset.reset", "earliest");
    assertTrue(m.contains("'auto.offset.reset' is not supported") && m.contains("startingoffsets"), m);
    assertTrue(streamError("kafka.bootstrap.servers", "h:1", "subscribe", "t", "kafka.value.deserializer", "x")
        .contains("value.deserializer"));
    assertTrue(streamError("kafka.bootstrap.servers", "h:1", "subscribe", "t", "kafka.enable.auto.commit", "true")
        .contains("enable.auto.commit"));
  }

  @Test
  void streamAndBatchOffsetRules() {
    assertTrue(streamError("kafka.bootstrap.servers", "h:1", "subscribe", "t", "endingOffsets", "latest")
        .contains("ending offset not valid in streaming queries"));
    String latest = assertThrows(EmberIllegalArgumentException.class, () -> KafkaSource.batch(
        opts("kafka.bootstrap.servers", "h:1", "subscribe", "t", "startingOffsets", "latest"))).getMessage();
    assertTrue(latest.contains("starting offset can't be latest for batch queries on Kafka"), latest);
    String earliest = assertThrows(EmberIllegalArgumentException.class, () -> KafkaSource.batch(
        opts("kafka.bootstrap.servers", "h:1", "subscribe", "t", "endingOffsets", "earliest"))).getMessage();
    assertTrue(earliest.contains("ending offset can't be earliest"), earliest);
    String json = assertThrows(EmberIllegalArgumentException.class, () -> KafkaSource.batch(
        opts("kafka.bootstrap.servers", "h:1", "subscribe", "t", "endingOffsets", "{\"t\":{\"0\":-2}}"))).getMessage();
    assertTrue(json.contains("ending offset for t-0 can't be earliest"), json);
    assertTrue(streamError("kafka.bootstrap.servers", "h:1", "subscribe", "t", "startingOffsets", "{\"t\":[1]}")
        .contains("KAFKA_INVALID_OPTION_JSON"));
    assertTrue(streamError("kafka.bootstrap.servers", "h:1", "subscribe", "t", "maxOffsetsPerTrigger", "0")
        .contains("maxOffsetsPerTrigger"));
    assertTrue(streamError("kafka.bootstrap.servers", "h:1", "subscribe", "t", "failOnDataLoss", "maybe")
        .contains("failOnDataLoss"));
  }

  @Test
  void unsupportedSparkOptionsFailInsteadOfBeingIgnored() {
    assertTrue(streamError("kafka.bootstrap.servers", "h:1", "subscribe", "t", "minPartitions", "4")
        .contains("KAFKA_OPTION_NOT_SUPPORTED"));
    assertTrue(streamError("kafka.bootstrap.servers", "h:1", "subscribe", "t", "includeHeaders", "true")
        .contains("includeHeaders"));
  }

  @Test
  void jsonOffsetsAndPartitionsParse() {
    assertEquals(List.of(new TopicPartition("a", 0), new TopicPartition("a", 2), new TopicPartition("b", 1)),
        KafkaJson.partitions("assign", "{\"a\":[0,2],\"b\":[1]}"));
    Map<TopicPartition, Long> offsets = KafkaJson.partitionOffsets("startingOffsets", "{\"a\":{\"0\":23,\"1\":-2}}");
    assertEquals(Map.of(new TopicPartition("a", 0), 23L, new TopicPartition("a", 1), -2L), offsets);
    assertEquals("{\"a\":{\"0\":23,\"1\":-2}}", KafkaJson.offsetsJson(offsets));
  }

  @Test
  void sinkSchemaIsChecked() {
    StructType noValue = DataTypes.struct(DataTypes.field("key", DataTypes.STRING));
    Map<String, String> o = opts("kafka.bootstrap.servers", "h:1", "topic", "t");
    assertTrue(assertThrows(AnalysisException.class, () -> KafkaSink.stream(o, noValue)).getMessage()
        .contains("Required attribute 'value' not found"));
    StructType intValue = DataTypes.struct(DataTypes.field("value", DataTypes.INTEGER));
    String m = assertThrows(AnalysisException.class, () -> KafkaSink.stream(o, intValue)).getMessage();
    assertTrue(m.contains("value attribute type must be a string") && m.contains("CAST(value AS STRING)"), m);
    StructType valueOnly = DataTypes.struct(DataTypes.field("value", DataTypes.STRING));
    assertTrue(assertThrows(AnalysisException.class,
        () -> KafkaSink.stream(opts("kafka.bootstrap.servers", "h:1"), valueOnly)).getMessage()
        .contains("topic option required when no 'topic' attribute is present"));
    assertInstanceOf(KafkaSink.class, KafkaSink.batch(o, SaveMode.APPEND, valueOnly));
    assertTrue(assertThrows(AnalysisException.class, () -> KafkaSink.batch(o, SaveMode.OVERWRITE, valueOnly))
        .getMessage().contains("Allowed save modes are Append and ErrorIfExists"));
  }

  @Test
  void partitionsStayWithTheirTaskWhenOthersAreAdded() {
    for (int p = 0; p < 50; p++) {
      int bucket = KafkaSource.bucketOf("events", p, 3);
      assertTrue(bucket >= 0 && bucket < 3);
      assertEquals(bucket, KafkaSource.bucketOf("events", p, 3));
    }
    // consecutive partitions of a topic go to consecutive tasks
    assertEquals((KafkaSource.bucketOf("events", 0, 4) + 1) % 4, KafkaSource.bucketOf("events", 1, 4));
  }
}
