package io.ember.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceReader.Status;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.testing.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The Kafka reader against a real broker, driven as the runtime drives it: offsets taken at epoch cuts restore
 * exactly, an epoch replays exactly ({@code replayUntil}), bounded reads end at their end offsets, and offsets that
 * are no longer in Kafka fail the read or are skipped as {@code failOnDataLoss} says.
 */
class KafkaSourceReaderTest {
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private static Map<String, String> options(String topic, String... kv) {
    Map<String, String> m = new HashMap<>(Map.of("kafka.bootstrap.servers", KafkaTestBroker.servers(),
        "subscribe", topic, "startingOffsets", "earliest"));
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static List<String> values(String prefix, int n, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(prefix + "-" + i + "-" + random.nextInt(1000));
    }
    return out;
  }

  /** Polls until {@code wanted} rows came or the reader says {@code until}; returns the rows' values. */
  private static List<String> pollValues(SourceReader reader, int wanted, Status until) {
    List<String> out = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (out.size() < wanted) {
      List<Batch> got = new ArrayList<>();
      Status s = reader.pollNext(got::add);
      for (Batch b : got) {
        for (Row r : b.toRows()) {
          out.add(new String((byte[]) r.get(1), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      if (s == until) {
        break;
      }
      assertTrue(System.nanoTime() < deadline, "no more rows within 60 s; got " + out.size());
    }
    return out;
  }

  private static SourceReader reader(KafkaSource source, List<SourceSplit> splits) {
    return source.createReader(splits, new ReaderContext(0, 1, 7, null));
  }

  @Test
  void restoredReaderContinuesAndReplaysAnEpochExactly() throws Exception {
    String topic = "reader-replay";
    KafkaTestBroker.createTopic(topic, 3);
    long seed = Seeds.BASE_SEED;
    List<String> sent = values("r", 60, seed);
    KafkaTestBroker.produce(topic, 3, sent);
    KafkaSource source = KafkaSource.stream(options(topic));
    List<SourceSplit> splits = source.planSplits(1);

    List<String> epoch0;
    List<String> epoch1;
    byte[] after0;
    byte[] after1;
    try (SourceReader first = reader(source, splits)) {
      epoch0 = pollValues(first, 20, null);
      after0 = first.snapshotOffsets(0);
      epoch1 = pollValues(first, 40 - epoch0.size(), null);
      after1 = first.snapshotOffsets(1);
    }
    // a reader restored to epoch 0's end and replaying epoch 1 emits exactly epoch 1's rows, then waits
    try (SourceReader replay = reader(source, splits)) {
      replay.restoreOffsets(after0);
      assertTrue(replay.replayUntil(after1));
      List<String> again = pollValues(replay, Integer.MAX_VALUE, Status.WAITING_FOR_EPOCH);
      assertEquals(sorted(epoch1), sorted(again), "seed " + seed);
      assertEquals(Status.WAITING_FOR_EPOCH, replay.pollNext(b -> { }));
      replay.snapshotOffsets(1);
      List<String> rest = pollValues(replay, sent.size() - epoch0.size() - epoch1.size(), null);
      List<String> all = new ArrayList<>(epoch0);
      all.addAll(epoch1);
      all.addAll(rest);
      assertEquals(sorted(sent), sorted(all), "every record exactly once; seed " + seed);
    }
  }

  @Test
  void boundedReadEndsAtTheEndOffsets() throws Exception {
    String topic = "reader-bounded";
    KafkaTestBroker.createTopic(topic, 2);
    List<String> sent = values("b", 30, 7);
    KafkaTestBroker.produce(topic, 2, sent);
    KafkaSource source = KafkaSource.batch(options(topic, "endingOffsets", "{\"" + topic + "\":{\"0\":10,\"1\":-1}}"));
    try (SourceReader r = reader(source, source.planSplits(1))) {
      List<String> got = pollValues(r, Integer.MAX_VALUE, Status.END_OF_INPUT);
      // partition 0 holds the even-indexed values: its first 10; partition 1 all 15 of its values
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        if (i % 2 == 1 || i / 2 < 10) {
          expected.add(sent.get(i));
        }
      }
      assertEquals(sorted(expected), sorted(got));
    }
  }

  @Test
  void lostOffsetsFailOrAreSkippedAsFailOnDataLossSays() throws Exception {
    String topic = "reader-loss";
    KafkaTestBroker.createTopic(topic, 1);
    List<String> sent = values("l", 20, 11);
    KafkaTestBroker.produce(topic, 1, sent);
    try (Admin admin = KafkaTestBroker.admin()) {
      admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(12))).all()
          .get(60, TimeUnit.SECONDS);
    }
    String from3 = "{\"" + topic + "\":{\"0\":3}}";
    KafkaSource failing = KafkaSource.stream(options(topic, "startingOffsets", from3));
    try (SourceReader r = reader(failing, failing.planSplits(1))) {
      EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> pollValues(r, 1, null));
      assertEquals("KAFKA_DATA_LOSS", e.errorClass());
      assertTrue(e.getMessage().contains("failOnDataLoss") && e.getMessage().contains(topic), e.getMessage());
    }
    KafkaSource skipping = KafkaSource.stream(options(topic, "startingOffsets", from3, "failOnDataLoss", "false"));
    try (SourceReader r = reader(skipping, skipping.planSplits(1))) {
      assertEquals(sent.subList(12, 20), pollValues(r, 8, null));
    }
  }

  @Test
  void unreachableBrokersAreNamed() {
    KafkaSource source = KafkaSource.stream(Map.of("kafka.bootstrap.servers", "127.0.0.1:1", "subscribe", "t",
        "kafka.default.api.timeout.ms", "1500", "kafka.request.timeout.ms", "1000"));
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> source.planSplits(1));
    assertEquals("KAFKA_BROKERS_UNREACHABLE", e.errorClass());
    assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
  }

  private static List<String> sorted(List<String> values) {
    List<String> s = new ArrayList<>(values);
    s.sort(null);
    return s;
  }
}
