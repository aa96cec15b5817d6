package io.ember.connectors.parquet;

/**
 * Keeps the Hadoop classes that parquet-hadoop loads (its codecs and {@code Configuration}) from logging at INFO or
 * WARN level about a missing {@code HADOOP_HOME}, native libraries or codec pools, which say nothing to a user reading
 * local files. It sets the slf4j-simple level of {@code org.apache.hadoop} (the distribution's logging binding) unless
 * the user set one, before the first Hadoop class logs; other bindings are configured by their own files.
 */
final class QuietHadoop {
  private static final String HADOOP_LEVEL = "org.slf4j.simpleLogger.log.org.apache.hadoop";
  private static volatile boolean done;

  private QuietHadoop() {}

  /** Called before any Parquet file is opened; idempotent and cheap after the first call. */
  static void init() {
    if (done) {
      return;
    }
    synchronized (QuietHadoop.class) {
      if (System.getProperty(HADOOP_LEVEL) == null) {
        System.setProperty(HADOOP_LEVEL, "error");
      }
      done = true;
    }
  }
}
