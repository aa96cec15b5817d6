package io.ember.connectors.kafka;

import io.ember.connectors.source.SourceReader;
import io.ember.core.data.Batch;
import io.ember.core.errors.EmberRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the topic-partitions of one source task's {@link KafkaSource.Split}s with one consumer (assigned, no group).
 *
 * <p>The reader decides every position: it seeks each partition to its next offset when it opens, buffers what a
 * poll returns per partition, and emits batches of records in offset order per partition. Its offsets
 * ({@link #snapshotOffsets}) are the next offset of each partition, so a restored reader continues exactly after the
 * last emitted record. Polls do not block ({@code poll(0)}: the runtime polls again shortly when nothing came), except
 * after {@link #refresh}, when the reader waits briefly for the records that were in Kafka at that moment.
 *
 * <p>Bounds: a bounded read stops each partition at its end offset; {@link #replayUntil} stops each at the offsets
 * of the replayed epoch; {@code maxOffsetsPerTrigger} (the split's share) holds further records back until the next
 * epoch. A partition whose buffer holds records, or that reached its bound, is paused so that the consumer fetches
 * only what will be emitted.
 *
 * <p>New partitions: a stream's reader looks for topic-partitions of its strategy that appeared since the query
 * started (at most every {@link #DISCOVERY_INTERVAL_NANOS}, and at each {@link #refresh}) and reads those that
 * {@link KafkaSource#bucketOf} gives to one of its splits from their earliest offset, as Spark reads new partitions.
 * An {@code assign} strategy names its partitions once and for all.
 *
 * <p>Lost data: a next offset that is no longer in Kafka (aged out, or the topic was deleted and made again) fails the
 * reader with {@code KAFKA_DATA_LOSS} when {@code failOnDataLoss} is true; otherwise the partition goes on from its
 * earliest available offset.
 */
final class KafkaSourceReader implements SourceReader {
  private static final System.Logger LOG = System.getLogger(KafkaSourceReader.class.getName());
  private static final byte VERSION = 1;
  /** The offset of a partition that starts at its earliest available offset once the reader opens. */
  private static final long PENDING_EARLIEST = -2;
  private static final Duration REFRESH_POLL = Duration.ofMillis(50);
  /** How often a stream's reader looks for new topic-partitions. */
  static final long DISCOVERY_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
  /** How long a look-up for new partitions may hold the task's thread; a failed one is tried again later. */
  private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(2);

  private final KafkaSourceOptions options;
  private final int splitCount;
  private final List<Part> parts = new ArrayList<>();
  private final Map<TopicPartition, Part> byPartition = new HashMap<>();
  private final int batchSize;
  private final boolean bounded;
  private final long perEpochLimit;
  private KafkaConsumer<byte[], byte[]> consumer;
  private Map<TopicPartition, Long> pendingReplay;
  private boolean replaying;
  private long emittedInEpoch;
  private Map<TopicPartition, Long> refreshTarget;
  private int turn;
  private final java.util.Set<Integer> splitIndexes = new java.util.HashSet<>();
  private long nextDiscovery;

  KafkaSourceReader(KafkaSourceOptions options, List<KafkaSource.Split> splits, int batchSize, boolean bounded) {
    this.options = options;
    this.batchSize = batchSize;
    this.bounded = bounded;
    long limit = 0;
    int count = 0;
    for (KafkaSource.Split s : splits) {
      count = s.count();
      splitIndexes.add(s.index());
      limit += s.perEpochLimit();
      for (KafkaSource.PartitionRange r : s.partitions()) {
        Part p = new Part(r.topicPartition(), r.start(), r.end());
        parts.add(p);
        byPartition.put(p.tp, p);
      }
    }
    this.splitCount = count;
    this.perEpochLimit = limit;
    this.nextDiscovery = System.nanoTime() + DISCOVERY_INTERVAL_NANOS;
  }

  /** Whether this reader looks for partitions that appear while it runs. */
  private boolean discovers() {
    return !bounded && !splitIndexes.isEmpty() && !(options.strategy() instanceof KafkaSourceOptions.Assign);
  }

  /**
   * Adds the topic-partitions of the strategy that are new and belong to this reader's splits, from their earliest
   * offsets. A failed look-up is logged and tried again at the next interval.
   */
  private void discover() {
    nextDiscovery = System.nanoTime() + DISCOVERY_INTERVAL_NANOS;
    List<TopicPartition> now;
    try {
      now = KafkaClients.partitions(consumer, options, DISCOVERY_TIMEOUT);
    } catch (EmberRuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not look for new Kafka partitions; trying again later: {0}",
          e.getMessage());
      return;
    }
    List<TopicPartition> added = new ArrayList<>();
    for (TopicPartition tp : now) {
      if (!byPartition.containsKey(tp) && splitIndexes.contains(KafkaSource.bucketOf(tp.topic(), tp.partition(), splitCount))) {
        Part p = new Part(tp, PENDING_EARLIEST, -1);
        parts.add(p);
        byPartition.put(tp, p);
        added.add(tp);
      }
    }
    if (added.isEmpty()) {
      return;
    }
    consumer.assign(new ArrayList<>(byPartition.keySet()));
    consumer.seekToBeginning(added);
    for (TopicPartition tp : added) {
      Part p = byPartition.get(tp);
      p.next = position(tp);
      if (replaying) {
        p.replayEnd = p.next; // a replayed epoch reads what it read the first time: nothing of a partition it did not know
      }
    }
    LOG.log(System.Logger.Level.INFO, "Reading new Kafka partitions {0} from their earliest offsets", added);
  }

  @Override
  public Status pollNext(Consumer<Batch> out) {
    if (parts.isEmpty() && !discovers()) {
      return bounded ? Status.END_OF_INPUT : replaying ? Status.WAITING_FOR_EPOCH : Status.NOTHING_AVAILABLE;
    }
    open();
    if (discovers() && System.nanoTime() - nextDiscovery >= 0) {
      discover();
    }
    if (parts.isEmpty()) {
      return replaying ? Status.WAITING_FOR_EPOCH : Status.NOTHING_AVAILABLE;
    }
    Batch batch = drain();
    if (batch == null) {
      Status held = heldBack();
      if (held != null) {
        return held;
      }
      boolean waitForRefresh = refreshPending();
      fetch(waitForRefresh ? REFRESH_POLL : Duration.ZERO);
      batch = drain();
      if (batch == null) {
        held = heldBack();
        if (held != null) {
          return held;
        }
        // after refresh(), nothing available must cover the records that were there: keep polling until they came
        return refreshPending() ? Status.MORE_AVAILABLE : Status.NOTHING_AVAILABLE;
      }
    }
    out.accept(batch);
    return Status.MORE_AVAILABLE;
  }

  /** WAITING_FOR_EPOCH or END_OF_INPUT when no partition may emit now; null when some may. */
  private Status heldBack() {
    if (allAtBound()) {
      if (replaying) {
        return Status.WAITING_FOR_EPOCH;
      }
      if (bounded) {
        return Status.END_OF_INPUT;
      }
    }
    if (perEpochLimit > 0 && !replaying && emittedInEpoch >= perEpochLimit) {
      return Status.WAITING_FOR_EPOCH;
    }
    return null;
  }

  private boolean allAtBound() {
    for (Part p : parts) {
      if (p.next < p.bound()) {
        return false;
      }
    }
    return true;
  }

  private boolean refreshPending() {
    if (refreshTarget == null) {
      return false;
    }
    for (Part p : parts) {
      Long target = refreshTarget.get(p.tp);
      if (target != null && p.next < Math.min(target, p.bound())) {
        return true;
      }
    }
    refreshTarget = null;
    return false;
  }

  /** Makes the consumer, assigns the partitions and seeks each to its next offset (or its earliest). */
  private void open() {
    if (consumer != null) {
      return;
    }
    Map<String, String> params = options.consumerParams();
    consumer = KafkaClients.consumer(params);
    List<TopicPartition> all = new ArrayList<>(byPartition.keySet());
    consumer.assign(all);
    List<TopicPartition> toEarliest = new ArrayList<>();
    for (Part p : parts) {
      if (p.next == PENDING_EARLIEST) {
        toEarliest.add(p.tp);
      } else {
        consumer.seek(p.tp, p.next);
      }
    }
    if (!toEarliest.isEmpty()) {
      consumer.seekToBeginning(toEarliest);
      for (TopicPartition tp : toEarliest) {
        byPartition.get(tp).next = position(tp);
      }
    }
    if (pendingReplay != null) {
      for (Part p : parts) {
        Long end = pendingReplay.get(p.tp);
        long e = end == null || end == PENDING_EARLIEST ? p.next : end;
        if (e < p.next) {
          throw new EmberRuntimeException("INVALID_OFFSET", "The Kafka source cannot replay " + p.tp + " up to offset "
              + e + ": it is already at offset " + p.next + ".");
        }
        p.replayEnd = e;
      }
      pendingReplay = null;
    }
  }

  private long position(TopicPartition tp) {
    Map<String, String> params = options.consumerParams();
    return KafkaClients.call(params, "look up the position of " + tp,
        () -> consumer.position(tp, KafkaClients.apiTimeout(params)));
  }

  /** One poll: pauses what must not be fetched, buffers what came, and handles offsets no longer in Kafka. */
  private void fetch(Duration timeout) {
    List<TopicPartition> pause = new ArrayList<>();
    List<TopicPartition> resume = new ArrayList<>();
    for (Part p : parts) {
      boolean hold = !p.buffer.isEmpty() || p.next >= p.bound();
      if (hold != p.paused) {
        (hold ? pause : resume).add(p.tp);
        p.paused = hold;
      }
    }
    if (!pause.isEmpty()) {
      consumer.pause(pause);
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(timeout);
    } catch (OffsetOutOfRangeException e) {
      dataLost(e.offsetOutOfRangePartitions());
      return;
    } catch (org.apache.kafka.common.KafkaException e) {
      throw KafkaClients.failure(options.consumerParams(), "read records", e);
    }
    for (ConsumerRecord<byte[], byte[]> r : records) {
      Part p = byPartition.get(new TopicPartition(r.topic(), r.partition()));
      if (p != null && r.offset() >= p.next) {
        p.buffer.add(r);
      }
    }
    for (Part p : parts) {
      if (p.buffer.isEmpty() && !p.paused) {
        // offsets without records (transaction markers, compacted records) are passed over
        p.next = Math.max(p.next, Math.min(position(p.tp), p.bound()));
      }
    }
  }

  private void dataLost(Map<TopicPartition, Long> lost) {
    if (options.failOnDataLoss()) {
      throw new EmberRuntimeException("KAFKA_DATA_LOSS", "Cannot read " + KafkaJson.offsetsJson(lost) + " (topic:"
          + " {partition: offset}) from the Kafka brokers " + options.bootstrapServers() + ": the offsets are not"
          + " available any more. Some data may have been lost because they are not available in Kafka any more;"
          + " either the data was aged out by Kafka or the topic may have been deleted before all the data in the"
          + " topic was processed. If you don't want your streaming query to fail on such cases, set the source"
          + " option \"failOnDataLoss\" to \"false\".");
    }
    consumer.seekToBeginning(lost.keySet());
    for (Map.Entry<TopicPartition, Long> e : lost.entrySet()) {
      Part p = byPartition.get(e.getKey());
      p.next = position(e.getKey());
      p.buffer.clear();
      LOG.log(System.Logger.Level.WARNING, "Kafka offset {0} of {1} is not available any more; going on from offset"
          + " {2} (failOnDataLoss=false): records may have been lost.", e.getValue(), e.getKey(), p.next);
    }
  }

  /** A batch of buffered records within every bound, taking partitions in turn; null when none may be emitted. */
  private Batch drain() {
    long room = batchSize;
    if (perEpochLimit > 0 && !replaying) {
      room = Math.min(room, perEpochLimit - emittedInEpoch);
    }
    if (room <= 0) {
      return null;
    }
    KafkaRecords.Builder builder = null;
    for (int k = 0; k < parts.size() && room > 0; k++) {
      Part p = parts.get((turn + k) % parts.size());
      long bound = p.bound();
      while (room > 0 && !p.buffer.isEmpty() && p.buffer.peekFirst().offset() < bound) {
        ConsumerRecord<byte[], byte[]> r = p.buffer.pollFirst();
        if (builder == null) {
          builder = new KafkaRecords.Builder((int) Math.min(batchSize, room));
        }
        builder.add(r, p.topicBytes);
        p.next = r.offset() + 1;
        room--;
      }
    }
    turn = (turn + 1) % parts.size();
    if (builder == null) {
      return null;
    }
    emittedInEpoch += builder.size();
    return builder.build();
  }

  /** Version, split count, partition count, then per partition: topic, partition, next offset. */
  @Override
  public byte[] snapshotOffsets(long epoch) {
    replaying = false;
    emittedInEpoch = 0;
    for (Part p : parts) {
      p.replayEnd = -1;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(splitCount);
      out.writeInt(parts.size());
      for (Part p : parts) {
        out.writeUTF(p.tp.topic());
        out.writeInt(p.tp.partition());
        out.writeLong(p.next);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private Map<TopicPartition, Long> readOffsets(byte[] offsets) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(offsets))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new EmberRuntimeException("INVALID_OFFSET", "Unknown Kafka source offset version " + version + ".");
      }
      int count = in.readInt();
      if (count != splitCount && !parts.isEmpty()) {
        throw new EmberRuntimeException("INVALID_OFFSET", "The checkpoint spread the Kafka partitions over " + count
            + " source tasks, this query over " + splitCount + ": restart the query with the parallelism it had"
            + " (spark.default.parallelism / the master's core count), or start it with a new checkpoint location.");
      }
      int n = in.readInt();
      Map<TopicPartition, Long> out = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String topic = in.readUTF();
        int partition = in.readInt();
        out.put(new TopicPartition(topic, partition), in.readLong());
      }
      return out;
    } catch (IOException e) {
      throw new EmberRuntimeException("INVALID_OFFSET", "Unreadable Kafka source offsets: " + e.getMessage(), e);
    }
  }

  /** Partitions the offsets name go on from there; partitions new since then start at their earliest offset. */
  @Override
  public void restoreOffsets(byte[] offsets) {
    Map<TopicPartition, Long> restored = readOffsets(offsets);
    for (Part p : parts) {
      Long next = restored.get(p.tp);
      p.next = next == null ? PENDING_EARLIEST : next;
      p.buffer.clear();
    }
  }

  @Override
  public boolean replayUntil(byte[] endOffsets) {
    if (consumer != null) {
      throw new IllegalStateException("replayUntil must come before the first poll");
    }
    pendingReplay = readOffsets(endOffsets);
    replaying = true;
    return true;
  }

  @Override
  public String describeOffsets() {
    Map<TopicPartition, Long> next = new LinkedHashMap<>();
    for (Part p : parts) {
      next.put(p.tp, p.next);
    }
    return KafkaJson.offsetsJson(next);
  }

  @Override
  public void refresh() {
    if (parts.isEmpty() && !discovers()) {
      return;
    }
    open();
    if (discovers()) {
      discover();
    }
    refreshTarget = KafkaClients.latest(consumer, byPartition.keySet(), options.consumerParams());
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
  }

  /** The position of one topic-partition. */
  private static final class Part {
    final TopicPartition tp;
    final byte[] topicBytes;
    final long end;
    final ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();
    long next;
    long replayEnd = -1;
    boolean paused;

    Part(TopicPartition tp, long next, long end) {
      this.tp = tp;
      this.topicBytes = KafkaRecords.topicBytes(tp.topic());
      this.next = next;
      this.end = end;
    }

    /** The offset this partition may not read past now. */
    long bound() {
      long b = end >= 0 ? end : Long.MAX_VALUE;
      return replayEnd >= 0 ? Math.min(b, replayEnd) : b;
    }
  }
}
