package io.ember.connectors.kafka;

import io.ember.connectors.file.SaveMode;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.source.Source;
import io.ember.connectors.spi.DataSourceProvider;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.StructType;
import java.util.Map;

/** The {@code kafka} format: {@link KafkaSource} and {@link KafkaSink}, found through {@link java.util.ServiceLoader}. */
public final class KafkaProvider implements DataSourceProvider {
  @Override
  public String shortName() {
    return "kafka";
  }

  @Override
  public Source createBatchSource(Map<String, String> options, StructType userSchema) {
    rejectSchema(userSchema);
    return KafkaSource.batch(options);
  }

  @Override
  public Source createStreamSource(Map<String, String> options, StructType userSchema) {
    rejectSchema(userSchema);
    return KafkaSource.stream(options);
  }

  @Override
  public Sink createBatchSink(Map<String, String> options, SaveMode mode, StructType schema) {
    return KafkaSink.batch(options, mode, schema);
  }

  @Override
  public Sink createStreamSink(Map<String, String> options, String outputMode, StructType schema) {
    return KafkaSink.stream(options, schema);
  }

  /** Spark: "Kafka source has a fixed schema and cannot be set with a custom one". */
  private static void rejectSchema(StructType userSchema) {
    if (userSchema != null) {
      throw new AnalysisException("KAFKA_USER_SCHEMA", "Kafka source has a fixed schema and cannot be set with a"
          + " custom one");
    }
  }
}
