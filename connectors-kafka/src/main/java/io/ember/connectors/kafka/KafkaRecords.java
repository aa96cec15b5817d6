package io.ember.connectors.kafka;

import io.ember.core.data.Batch;
import io.ember.core.data.BytesVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Spark's fixed schema of Kafka records and a builder of batches in it.
 *
 * <p>{@code key} and {@code value} are binary, as in Spark, holding the record's bytes unchanged:
 * {@code CAST(value AS STRING)} gives its UTF-8 text, and the Kafka sink writes a binary (or string) column's bytes
 * back as they are, so records pass through byte for byte.
 */
final class KafkaRecords {
  /** key, value, topic, partition, offset, timestamp, timestampType, as Spark's Kafka source. */
  static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("key", DataTypes.BINARY),
      DataTypes.field("value", DataTypes.BINARY),
      DataTypes.field("topic", DataTypes.STRING),
      DataTypes.field("partition", DataTypes.INTEGER),
      DataTypes.field("offset", DataTypes.LONG),
      DataTypes.field("timestamp", DataTypes.TIMESTAMP),
      DataTypes.field("timestampType", DataTypes.INTEGER));

  private KafkaRecords() {}

  /** Collects up to a fixed number of records into the columns of one batch. */
  static final class Builder {
    private final Bytes keys;
    private final Bytes values;
    private final Bytes topics;
    private final int[] partitions;
    private final long[] offsets;
    private final long[] timestamps;
    private final int[] timestampTypes;
    private int size;

    Builder(int capacity) {
      keys = new Bytes(capacity);
      values = new Bytes(capacity);
      topics = new Bytes(capacity);
      partitions = new int[capacity];
      offsets = new long[capacity];
      timestamps = new long[capacity];
      timestampTypes = new int[capacity];
    }

    boolean isFull() {
      return size == partitions.length;
    }

    int size() {
      return size;
    }

    void add(ConsumerRecord<byte[], byte[]> r, byte[] topicBytes) {
      keys.add(r.key(), size);
      values.add(r.value(), size);
      topics.add(topicBytes, size);
      partitions[size] = r.partition();
      offsets[size] = r.offset();
      timestamps[size] = Math.multiplyExact(r.timestamp(), 1000L);
      timestampTypes[size] = r.timestampType().id;
      size++;
    }

    Batch build() {
      int n = size;
      return new Batch(SCHEMA, new ColumnVector[] {
          keys.build(DataTypes.BINARY, n), values.build(DataTypes.BINARY, n), topics.build(DataTypes.STRING, n),
          new IntVector(DataTypes.INTEGER, Arrays.copyOf(partitions, n), null, n),
          new LongVector(DataTypes.LONG, Arrays.copyOf(offsets, n), null, n),
          new LongVector(DataTypes.TIMESTAMP, Arrays.copyOf(timestamps, n), null, n),
          new IntVector(DataTypes.INTEGER, Arrays.copyOf(timestampTypes, n), null, n)}, n);
    }
  }

  /** The UTF-8 bytes of a topic name, for {@link Builder#add}. */
  static byte[] topicBytes(String topic) {
    return topic.getBytes(StandardCharsets.UTF_8);
  }

  /** A column of raw byte values (binary, or UTF-8 strings), null where the value is null. */
  private static final class Bytes {
    private byte[] data = new byte[256];
    private final int[] offsets;
    private boolean[] nulls;
    private int used;

    Bytes(int capacity) {
      offsets = new int[capacity + 1];
    }

    void add(byte[] value, int row) {
      if (value == null) {
        if (nulls == null) {
          nulls = new boolean[offsets.length - 1];
        }
        nulls[row] = true;
      } else {
        if (used + value.length > data.length) {
          data = Arrays.copyOf(data, Math.max(data.length * 2, used + value.length));
        }
        System.arraycopy(value, 0, data, used, value.length);
        used += value.length;
      }
      offsets[row + 1] = used;
    }

    BytesVector build(DataType type, int n) {
      return BytesVector.wrap(type, Arrays.copyOf(data, used), Arrays.copyOf(offsets, n + 1),
          nulls == null ? null : Arrays.copyOf(nulls, n), n);
    }
  }
}
