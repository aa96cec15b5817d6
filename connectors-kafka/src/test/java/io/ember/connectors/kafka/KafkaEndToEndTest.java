package io.ember.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.DataStreamReader;
import io.ember.api.streaming.StreamingQuery;
import io.ember.api.streaming.Trigger;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kafka format through the api, against a real broker: a streaming query with a checkpoint reads every record
 * exactly once across a stop and a restart; a batch read stops at endingOffsets; the sink (batch and streaming)
 * writes what a consumer reads back; errors name what is wrong.
 */
class KafkaEndToEndTest {
  static Session session;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("KafkaEndToEndTest")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  private static List<String> values(String prefix, int from, int to, long seed) {
    Random random = new Random(seed + from);
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(prefix + "-" + i + "-" + random.nextInt(1_000_000));
    }
    return out;
  }

  private static DataStreamReader kafkaStream(String topic) {
    return session.readStream().format("kafka").option("kafka.bootstrap.servers", KafkaTestBroker.servers())
        .option("subscribe", topic).option("startingOffsets", "earliest");
  }

  private static List<String> column(List<Row> rows, int index) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(String.valueOf(r.get(index)));
    }
    out.sort(null);
    return out;
  }

  private static List<String> sorted(List<String> values) {
    List<String> s = new ArrayList<>(values);
    s.sort(null);
    return s;
  }

  @Test
  void streamingQueryReadsEveryRecordExactlyOnceAcrossARestart() throws Exception {
    String topic = "e2e-restart";
    KafkaTestBroker.createTopic(topic, 3);
    long seed = Seeds.BASE_SEED;
    List<String> sent = new ArrayList<>(values("v", 0, 60, seed));
    KafkaTestBroker.produce(topic, 3, sent);
    String out = tmp.resolve("out").toString();
    String checkpoint = tmp.resolve("checkpoint").toString();

    DataFrame stream = kafkaStream(topic).option("maxOffsetsPerTrigger", "16").load();
    StructType expected = DataTypes.struct(DataTypes.field("key", DataTypes.BINARY),
        DataTypes.field("value", DataTypes.BINARY), DataTypes.field("topic", DataTypes.STRING),
        DataTypes.field("partition", DataTypes.INTEGER), DataTypes.field("offset", DataTypes.LONG),
        DataTypes.field("timestamp", DataTypes.TIMESTAMP), DataTypes.field("timestampType", DataTypes.INTEGER));
    assertEquals(expected.simpleString(), stream.schema().simpleString());
    for (int run = 0; run < 2; run++) {
      StreamingQuery q = kafkaStream(topic).option("maxOffsetsPerTrigger", "16").load()
          .selectExpr("CAST(key AS STRING) AS k", "CAST(value AS STRING) AS v", "`partition`", "`offset`")
          .writeStream().format("json").option("checkpointLocation", checkpoint).start(out);
      try {
        q.processAllAvailable();
      } finally {
        q.stop();
      }
      List<String> more = values("v", 60 * (run + 1), 60 * (run + 2), seed);
      KafkaTestBroker.produce(topic, 3, more);
      sent.addAll(more);
    }
    // the last 60 were produced after the second run stopped: a third run picks them up from the checkpoint
    StreamingQuery q = kafkaStream(topic).load().selectExpr("CAST(key AS STRING) AS k",
        "CAST(value AS STRING) AS v", "`partition`", "`offset`")
        .writeStream().format("json").option("checkpointLocation", checkpoint).start(out);
    try {
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    List<Row> rows = session.read().json(out).select("k", "v").collectAsList();
    assertEquals(sorted(sent), column(rows, 1), "every record exactly once; seed " + seed);
    List<String> keys = new ArrayList<>();
    sent.forEach(v -> keys.add("k" + v));
    assertEquals(sorted(keys), column(rows, 0));
  }

  @Test
  void availableNowReadsWhatIsThereThenEndsAndResumesFromItsCheckpoint() throws Exception {
    String topic = "e2e-available-now";
    KafkaTestBroker.createTopic(topic, 3);
    List<String> sent = new ArrayList<>(values("n", 0, 45, 9));
    KafkaTestBroker.produce(topic, 3, sent);
    String out = tmp.resolve("now-out").toString();
    String checkpoint = tmp.resolve("now-checkpoint").toString();
    for (int run = 0; run < 2; run++) {
      StreamingQuery q = kafkaStream(topic).option("maxOffsetsPerTrigger", "10").load()
          .selectExpr("CAST(value AS STRING) AS v").writeStream().format("json")
          .trigger(Trigger.AvailableNow()).option("checkpointLocation", checkpoint).start(out);
      assertTrue(q.awaitTermination(120_000), "an AvailableNow query ends by itself");
      assertTrue(q.exception().isEmpty(), () -> q.exception().get().toString());
      assertEquals(sorted(sent), column(session.read().json(out).collectAsList(), 0), "run " + run);
      List<String> more = values("n", 45, 60, 9);
      if (run == 0) {
        KafkaTestBroker.produce(topic, 3, more);
        sent.addAll(more);
      }
    }
  }

  @Test
  void partitionsAddedWhileAQueryRunsAreReadFromTheirStart() throws Exception {
    String topic = "e2e-new-partitions";
    KafkaTestBroker.createTopic(topic, 1);
    List<String> sent = new ArrayList<>(values("p", 0, 10, 13));
    KafkaTestBroker.produce(topic, 1, sent);
    StreamingQuery q = kafkaStream(topic).load().selectExpr("CAST(value AS STRING) AS v", "`partition`")
        .writeStream().format("memory").queryName("new_partitions").start();
    try {
      q.processAllAvailable();
      try (Admin admin = KafkaTestBroker.admin()) {
        admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3))).all().get(60, TimeUnit.SECONDS);
      }
      List<String> more = values("p", 10, 40, 13);
      KafkaTestBroker.produce(topic, 3, more);
      sent.addAll(more);
      q.processAllAvailable();
      List<Row> rows = session.table("new_partitions").collectAsList();
      assertEquals(sorted(sent), column(rows, 0));
      assertEquals(List.of("0", "1", "2"), column(rows, 1).stream().distinct().toList());
    } finally {
      q.stop();
    }
  }

  @Test
  void batchReadStopsAtEndingOffsets() throws Exception {
    String topic = "e2e-batch";
    KafkaTestBroker.createTopic(topic, 2);
    List<String> sent = values("b", 0, 40, 3);
    KafkaTestBroker.produce(topic, 2, sent);
    List<Row> rows = session.read().format("kafka").option("kafka.bootstrap.servers", KafkaTestBroker.servers())
        .option("assign", "{\"" + topic + "\":[0,1]}")
        .option("startingOffsets", "{\"" + topic + "\":{\"0\":5,\"1\":-2}}")
        .option("endingOffsets", "{\"" + topic + "\":{\"0\":15,\"1\":-1}}")
        .load().selectExpr("CAST(value AS STRING) AS v", "`partition`", "`offset`").collectAsList();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      int partition = i % 2;
      long offset = i / 2;
      if (partition == 1 || (offset >= 5 && offset < 15)) {
        expected.add(sent.get(i));
      }
    }
    assertEquals(sorted(expected), column(rows, 0));
    for (Row r : rows) {
      int partition = (Integer) r.get(1);
      long offset = (Long) r.get(2);
      assertEquals(sent.get((int) (offset * 2 + partition)), r.get(0), "value at " + partition + "/" + offset);
    }
  }

  @Test
  void binaryKeysAndValuesPassThroughByteForByte() throws Exception {
    String topic = "e2e-binary";
    KafkaTestBroker.createTopic(topic, 1);
    byte[] notUtf8 = {0, (byte) 0xFF, (byte) 0xC3, 0x28};
    StructType schema = DataTypes.struct(DataTypes.field("key", DataTypes.BINARY),
        DataTypes.field("value", DataTypes.BINARY));
    session.createDataFrame(List.of(Row.of(new byte[] {1}, notUtf8), Row.of(null, new byte[0])), schema)
        .write().format("kafka").option("kafka.bootstrap.servers", KafkaTestBroker.servers())
        .option("topic", topic).save();
    List<Row> rows = session.read().format("kafka").option("kafka.bootstrap.servers", KafkaTestBroker.servers())
        .option("subscribe", topic).load().orderBy("offset").select("key", "value").collectAsList();
    assertEquals(2, rows.size());
    assertArrayEquals(new byte[] {1}, (byte[]) rows.get(0).get(0));
    assertArrayEquals(notUtf8, (byte[]) rows.get(0).get(1));
    assertNull(rows.get(1).get(0));
    assertArrayEquals(new byte[0], (byte[]) rows.get(1).get(1));
  }

  @Test
  void batchSinkWritesWhatAConsumerReadsBack() throws Exception {
    String a = "e2e-sink-a";
    String b = "e2e-sink-b";
    KafkaTestBroker.createTopic(a, 2);
    KafkaTestBroker.createTopic(b, 1);
    StructType schema = DataTypes.struct(DataTypes.field("topic", DataTypes.STRING),
        DataTypes.field("key", DataTypes.STRING), DataTypes.field("value", DataTypes.STRING));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(Row.of(i % 3 == 0 ? b : a, i % 5 == 0 ? null : "key" + i, "välue " + i));
    }
    session.createDataFrame(rows, schema).write().format("kafka")
        .option("kafka.bootstrap.servers", KafkaTestBroker.servers()).save();
    List<String> expectedA = new ArrayList<>();
    List<String> expectedB = new ArrayList<>();
    for (Row r : rows) {
      (r.get(0).equals(a) ? expectedA : expectedB).add(r.get(1) + "=" + r.get(2));
    }
    assertEquals(sorted(expectedA), keyValues(KafkaTestBroker.readAll(a)));
    assertEquals(sorted(expectedB), keyValues(KafkaTestBroker.readAll(b)));
  }

  @Test
  void streamingSinkCopiesATopic() throws Exception {
    String in = "e2e-copy-in";
    String out = "e2e-copy-out";
    KafkaTestBroker.createTopic(in, 2);
    KafkaTestBroker.createTopic(out, 2);
    List<String> sent = values("c", 0, 50, 5);
    KafkaTestBroker.produce(in, 2, sent);
    StreamingQuery q = kafkaStream(in).load().selectExpr("key", "upper(CAST(value AS STRING)) AS value")
        .writeStream().format("kafka").option("kafka.bootstrap.servers", KafkaTestBroker.servers())
        .option("topic", out).option("checkpointLocation", tmp.resolve("copy").toString()).start();
    try {
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    List<String> expected = new ArrayList<>();
    sent.forEach(v -> expected.add("k" + v + "=" + v.toUpperCase()));
    // no failure happened, so at-least-once wrote each record once
    assertEquals(sorted(expected), keyValues(KafkaTestBroker.readAll(out)));
  }

  @Test
  void errorsNameWhatIsWrong() {
    Throwable unreachable = assertThrows(RuntimeException.class, () -> session.read().format("kafka")
        .option("kafka.bootstrap.servers", "127.0.0.1:1").option("subscribe", "t")
        .option("kafka.default.api.timeout.ms", "1500").option("kafka.request.timeout.ms", "1000")
        .load().collectAsList());
    assertTrue(messages(unreachable).contains("KAFKA_BROKERS_UNREACHABLE")
        && messages(unreachable).contains("127.0.0.1:1"), messages(unreachable));
    String missing = assertThrows(RuntimeException.class,
        () -> session.readStream().format("kafka").option("subscribe", "t").load()).getMessage();
    assertTrue(missing.contains("kafka.bootstrap.servers"), missing);
    assertThrows(AnalysisException.class, () -> session.readStream().format("kafka").schema("a INT")
        .option("kafka.bootstrap.servers", "h:1").option("subscribe", "t").load());
    String unknown = assertThrows(AnalysisException.class, () -> session.readStream().format("kafak").load())
        .getMessage();
    assertTrue(unknown.contains("kafka"), unknown);
  }

  private static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append(" | ");
    }
    return sb.toString();
  }

  private static List<String> keyValues(List<ConsumerRecord<String, String>> records) {
    List<String> out = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      assertNotNull(r.value());
      out.add(r.key() + "=" + r.value());
    }
    out.sort(null);
    return out;
  }
}
