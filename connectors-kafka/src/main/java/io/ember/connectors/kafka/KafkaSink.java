package io.ember.connectors.kafka;

import io.ember.connectors.file.SaveMode;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Spark's Kafka sink ({@code df.write.format("kafka")}, {@code df.writeStream.format("kafka")}): each row becomes a
 * record of the {@code topic} option's topic, else of the row's {@code topic} column, with the {@code value} column
 * (required) as value, the {@code key} column (optional) as key and the {@code partition} column (optional) as
 * partition; other columns are ignored. {@code key} and {@code value} are binary or strings (as in Spark),
 * written as their bytes unchanged. Every {@code kafka.*} option goes to the producer without the prefix
 * ({@code kafka.bootstrap.servers} required).
 *
 * <p>At least once, as in Spark: writers send records as rows come and wait for the brokers' acknowledgements before
 * an epoch's commit, so a failed query loses nothing, but an epoch run again after a failure (or a restart that
 * replays the last epoch) sends its records again. Readers that need exactly-once deduplicate, e.g. on a key.
 */
public final class KafkaSink implements Sink {
  private final Map<String, String> producerParams;
  private final String topic;
  private final Columns columns;

  /** A sink's prepared epoch: how many records its writer acknowledged (nothing is left to commit). */
  record Written(long records) implements CommitMessage, Serializable {}

  /** The positions of the columns a writer reads in the input schema; -1 for absent ones. */
  record Columns(int topic, int key, int value, int partition) {}

  private KafkaSink(Map<String, String> options, StructType schema) {
    Map<String, String> params = KafkaSourceOptions.consumerParams(options);
    if (params.containsKey("key.serializer")) {
      throw KafkaSourceOptions.invalid("Kafka option 'key.serializer' is not supported as keys are serialized with"
          + " ByteArraySerializer.");
    }
    if (params.containsKey("value.serializer")) {
      throw KafkaSourceOptions.invalid("Kafka option 'value.serializer' is not supported as value are serialized"
          + " with ByteArraySerializer.");
    }
    KafkaSourceOptions.requireBootstrap(params, "producer");
    this.producerParams = Map.copyOf(params);
    String t = KafkaSourceOptions.get(options, "topic");
    this.topic = t == null ? null : t.trim();
    this.columns = columns(schema, topic);
  }

  /** The sink of a streaming query; every output mode is accepted (rows are appended to the topic). */
  public static KafkaSink stream(Map<String, String> options, StructType schema) {
    return new KafkaSink(options, schema);
  }

  /**
   * The sink of a batch write.
   *
   * @throws AnalysisException for save modes other than append and errorifexists, as in Spark
   */
  public static KafkaSink batch(Map<String, String> options, SaveMode mode, StructType schema) {
    if (mode != SaveMode.APPEND && mode != SaveMode.ERROR_IF_EXISTS) {
      throw new AnalysisException("KAFKA_INVALID_SAVE_MODE", "Save mode " + mode + " not allowed for Kafka."
          + " Allowed save modes are Append and ErrorIfExists (default).");
    }
    return new KafkaSink(options, schema);
  }

  private static Columns columns(StructType schema, String topicOption) {
    List<StructField> fields = schema.fields();
    int topicCol = indexOf(fields, "topic");
    int key = indexOf(fields, "key");
    int value = indexOf(fields, "value");
    int partition = indexOf(fields, "partition");
    if (indexOf(fields, "headers") >= 0) {
      throw new EmberIllegalArgumentException("KAFKA_OPTION_NOT_SUPPORTED", "The Kafka sink does not write record"
          + " headers yet: drop the 'headers' column.");
    }
    if (topicOption == null) {
      if (topicCol < 0) {
        throw new AnalysisException("KAFKA_INVALID_SINK_SCHEMA", "topic option required when no 'topic' attribute is"
            + " present. Use the topic option for setting a topic.");
      }
      requireString(fields.get(topicCol), "Topic type must be a string");
    }
    if (value < 0) {
      throw new AnalysisException("KAFKA_INVALID_SINK_SCHEMA", "Required attribute 'value' not found");
    }
    requireBytes(fields.get(value), "value attribute type must be a string or binary");
    if (key >= 0) {
      requireBytes(fields.get(key), "key attribute type must be a string or binary");
    }
    if (partition >= 0 && !(fields.get(partition).dataType().equals(DataTypes.INTEGER)
        || fields.get(partition).dataType().equals(DataTypes.NULL))) {
      throw new AnalysisException("KAFKA_INVALID_SINK_SCHEMA", "partition attribute type must be an int");
    }
    return new Columns(topicOption == null ? topicCol : -1, key, value, partition);
  }

  private static void requireString(StructField field, String message) {
    DataType t = field.dataType();
    if (!t.equals(DataTypes.STRING) && !t.equals(DataTypes.NULL)) {
      throw new AnalysisException("KAFKA_INVALID_SINK_SCHEMA", message + "; '" + field.name() + "' is "
          + t.simpleString() + ". Cast it, e.g. CAST(" + field.name() + " AS STRING) or to_json(struct(*)).");
    }
  }

  private static void requireBytes(StructField field, String message) {
    if (!field.dataType().equals(DataTypes.BINARY)) {
      requireString(field, message);
    }
  }

  private static int indexOf(List<StructField> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    return new KafkaSinkWriter(producerParams, topic, columns);
  }

  /** Nothing to do: the writers' records are acknowledged before the epoch is prepared. */
  @Override
  public void commit(long epoch, List<CommitMessage> messages) {}

  @Override
  public String explain() {
    return "KafkaSink(" + (topic != null ? "topic=" + topic : "topic column") + ", servers="
        + producerParams.get("bootstrap.servers") + ")";
  }
}
