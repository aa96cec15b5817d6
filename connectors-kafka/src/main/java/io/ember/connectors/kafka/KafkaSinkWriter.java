package io.ember.connectors.kafka;

import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.BytesVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.errors.EmberRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Sends one sink task's rows to Kafka with one producer, made at the first row. {@link #prepareCommit} flushes and
 * waits for every acknowledgement of the epoch; the first failed send fails the epoch with {@code KAFKA_WRITE_FAILED}.
 */
final class KafkaSinkWriter implements SinkWriter {
  private final Map<String, String> params;
  private final String topic;
  private final KafkaSink.Columns columns;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicLong acknowledged = new AtomicLong();
  private KafkaProducer<byte[], byte[]> producer;

  KafkaSinkWriter(Map<String, String> params, String topic, KafkaSink.Columns columns) {
    this.params = params;
    this.topic = topic;
    this.columns = columns;
  }

  @Override
  public void write(Batch batch) {
    checkFailure();
    if (producer == null) {
      producer = KafkaClients.producer(params);
    }
    ColumnVector topics = columns.topic() >= 0 ? batch.column(columns.topic()) : null;
    ColumnVector keys = columns.key() >= 0 ? batch.column(columns.key()) : null;
    ColumnVector values = batch.column(columns.value());
    ColumnVector partitions = columns.partition() >= 0 ? batch.column(columns.partition()) : null;
    for (int row = 0; row < batch.numRows(); row++) {
      String t = topic;
      if (topics != null) {
        t = topics.isNull(row) ? null : String.valueOf(topics.get(row));
        if (t == null) {
          throw new EmberRuntimeException("KAFKA_NULL_TOPIC", "null topic present in the data. Use the topic option"
              + " for setting a topic.");
        }
      }
      Integer partition = partitions == null || partitions.isNull(row) ? null : ((IntVector) partitions).getInt(row);
      ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(t, partition, bytes(keys, row), bytes(values, row));
      try {
        producer.send(record, (meta, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else {
            acknowledged.incrementAndGet();
          }
        });
      } catch (KafkaException e) {
        throw KafkaClients.failure(params, "send a record to topic '" + t + "'", e);
      }
    }
  }

  /** The row's bytes as written: a binary value's or a string's UTF-8 bytes unchanged; null stays null. */
  private static byte[] bytes(ColumnVector v, int row) {
    if (v == null || v.isNull(row)) {
      return null;
    }
    if (v instanceof BytesVector s) {
      int start = s.start(row);
      return Arrays.copyOfRange(s.bytes(), start, start + s.byteLength(row));
    }
    return String.valueOf(v.get(row)).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public CommitMessage prepareCommit(long epoch) {
    if (producer != null) {
      try {
        producer.flush();
      } catch (KafkaException e) {
        throw KafkaClients.failure(params, "flush records", e);
      }
    }
    checkFailure();
    return new KafkaSink.Written(acknowledged.getAndSet(0));
  }

  private void checkFailure() {
    Exception e = failure.get();
    if (e != null) {
      throw new EmberRuntimeException("KAFKA_WRITE_FAILED", "Writing to Kafka at " + params.get("bootstrap.servers")
          + " failed: " + e.getMessage(), e);
    }
  }

  /** Records already sent cannot be taken back (at-least-once); nothing is staged. */
  @Override
  public void abort() {}

  @Override
  public void close() {
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(30));
      producer = null;
    }
  }
}
