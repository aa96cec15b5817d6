package io.ember.connectors.kafka;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.connectors.source.UnboundedSource;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Spark's Kafka source: records of the topic-partitions the options name, in {@link KafkaRecords#SCHEMA}.
 *
 * <p>{@link #planSplits} runs when a job starts: it lists the topic-partitions (a stream's readers then look for
 * new ones as it runs, see {@link KafkaSourceReader}), resolves {@code startingOffsets} (and for a bounded read the end offsets) to numbers, and spreads the partitions
 * over {@code parallelismHint} splits, one per source task: partition {@code p} of topic {@code t} goes to split
 * {@code floorMod(31 * t.hashCode() + p, n)}, so a partition stays with its task across restarts even when other
 * partitions are added. A reader's offsets are the next offset of each of its partitions; restored, it goes on from
 * exactly there and replays an epoch exactly ({@link SourceReader#replayUntil}): exactly-once into idempotent sinks.
 *
 * <p>Holds only the options as given, so that it travels between nodes as plain values; the Kafka clients are made
 * where a split is planned or read.
 */
public final class KafkaSource implements UnboundedSource {
  /** What kind of read this is. */
  enum Mode {
    /** {@code readStream}: unbounded, from {@code startingOffsets} (default latest). */
    STREAM,
    /** {@code read}: from {@code startingOffsets} (default earliest) to {@code endingOffsets} (default latest). */
    BATCH,
    /** A stream's {@code Trigger.AvailableNow}: from the stream's offsets to the latest offsets at the start. */
    AVAILABLE_NOW
  }

  /**
   * One partition a split reads.
   *
   * @param start the first offset to read (resolved at planning)
   * @param end the offset to stop before, or -1 for a stream
   */
  record PartitionRange(String topic, int partition, long start, long end) {
    TopicPartition topicPartition() {
      return new TopicPartition(topic, partition);
    }
  }

  /**
   * The partitions of source task {@code index} of {@code count}, and its share of {@code maxOffsetsPerTrigger}
   * (0: no limit).
   */
  record Split(int index, int count, List<PartitionRange> partitions, long perEpochLimit) implements SourceSplit {
    @Override
    public String splitId() {
      return "kafka-" + index + "-of-" + count;
    }
  }

  private final Map<String, String> options;
  private final Mode mode;

  KafkaSource(Map<String, String> options, Mode mode) {
    this.options = Map.copyOf(options);
    this.mode = mode;
    parsed(); // checks the options now, as Spark's load() does
  }

  /** {@code spark.readStream.format("kafka")}. */
  public static KafkaSource stream(Map<String, String> options) {
    return new KafkaSource(options, Mode.STREAM);
  }

  /** {@code spark.read.format("kafka")}. */
  public static KafkaSource batch(Map<String, String> options) {
    return new KafkaSource(options, Mode.BATCH);
  }

  KafkaSourceOptions parsed() {
    return mode == Mode.BATCH ? KafkaSourceOptions.forBatch(options) : KafkaSourceOptions.forStream(options);
  }

  @Override
  public StructType schema() {
    return KafkaRecords.SCHEMA;
  }

  @Override
  public boolean isBounded() {
    return mode != Mode.STREAM;
  }

  @Override
  public Source availableNow() {
    return new KafkaSource(options, Mode.AVAILABLE_NOW);
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    KafkaSourceOptions o = parsed();
    int n = Math.max(1, parallelismHint);
    Map<String, String> params = o.consumerParams();
    List<List<PartitionRange>> buckets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      buckets.add(new ArrayList<>());
    }
    try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(params)) {
      List<TopicPartition> tps = KafkaClients.partitions(consumer, o);
      consumer.assign(tps); // offsets are looked up for assigned partitions (the client warns about others)
      Map<TopicPartition, Long> earliest = KafkaClients.earliest(consumer, tps, params);
      Map<TopicPartition, Long> latest = KafkaClients.latest(consumer, tps, params);
      Map<TopicPartition, Long> start = resolve(o.starting(), tps, earliest, latest, "startingOffsets");
      Map<TopicPartition, Long> end = switch (mode) {
        case STREAM -> null;
        case AVAILABLE_NOW -> latest;
        case BATCH -> resolve(o.ending(), tps, earliest, latest, "endingOffsets");
      };
      for (TopicPartition tp : tps) {
        long s = start.get(tp);
        long e = end == null ? -1 : Math.max(s, end.get(tp));
        buckets.get(bucketOf(tp.topic(), tp.partition(), n)).add(new PartitionRange(tp.topic(), tp.partition(), s, e));
      }
    }
    List<SourceSplit> splits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long limit = 0;
      if (mode != Mode.BATCH && o.maxOffsetsPerTrigger() > 0) {
        limit = Math.max(1, o.maxOffsetsPerTrigger() / n + (i < o.maxOffsetsPerTrigger() % n ? 1 : 0));
      }
      splits.add(new Split(i, n, List.copyOf(buckets.get(i)), limit));
    }
    return splits;
  }

  /** The split a topic-partition belongs to among {@code count}: stable as long as {@code count} is. */
  static int bucketOf(String topic, int partition, int count) {
    return Math.floorMod(31 * topic.hashCode() + partition, count);
  }

  /** Offsets of {@code spec} for {@code tps}; a JSON spec must name every partition, as in Spark. */
  private static Map<TopicPartition, Long> resolve(KafkaSourceOptions.OffsetSpec spec, List<TopicPartition> tps,
      Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> latest, String option) {
    if (spec instanceof KafkaSourceOptions.Earliest) {
      return earliest;
    }
    if (spec instanceof KafkaSourceOptions.Latest) {
      return latest;
    }
    Map<TopicPartition, Long> given = ((KafkaSourceOptions.Specific) spec).offsets();
    Set<TopicPartition> missing = new HashSet<>(tps);
    missing.removeAll(given.keySet());
    if (!missing.isEmpty()) {
      throw new EmberIllegalArgumentException("KAFKA_INVALID_OPTION", "If " + option + " contains specific offsets,"
          + " you must specify all TopicPartitions. Use -1 for latest, -2 for earliest. Missing: " + missing
          + "; the topic-partitions read are " + tps + ".");
    }
    Map<TopicPartition, Long> out = new java.util.HashMap<>();
    for (TopicPartition tp : tps) {
      long off = given.get(tp);
      out.put(tp, off == KafkaJson.EARLIEST ? earliest.get(tp) : off == KafkaJson.LATEST ? latest.get(tp) : off);
    }
    return out;
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    List<Split> mine = new ArrayList<>(splits.size());
    for (SourceSplit s : splits) {
      mine.add((Split) s);
    }
    return new KafkaSourceReader(parsed(), mine, Math.max(1, context.batchSize()), mode != Mode.STREAM);
  }

  @Override
  public String explain() {
    KafkaSourceOptions o = parsed();
    return (mode == Mode.STREAM ? "KafkaStream" : "KafkaScan") + " " + o.strategy().describe() + " servers="
        + o.bootstrapServers() + " schema=" + KafkaRecords.SCHEMA.simpleString();
  }
}
