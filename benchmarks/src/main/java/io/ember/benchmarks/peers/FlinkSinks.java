package io.ember.benchmarks.peers;

import io.ember.benchmarks.stream.LatencyRecorder;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.tuple.Tuple3;

/**
 * The Flink jobs' sinks (Sink V2 writers; the MiniCluster runs in the job's JVM, so writers report through
 * static fields): counting and discarding, collecting strings, recording latencies.
 */
final class FlinkSinks {
  static final AtomicLong COUNTED = new AtomicLong();
  static final ConcurrentLinkedQueue<String> COLLECTED = new ConcurrentLinkedQueue<>();

  private FlinkSinks() {}

  /** Drops every record, counting them per writer (a local long) and adding the count up at the end of input. */
  static final class Counting<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        private long count;

        @Override
        public void write(T element, Context ctx) {
          count++;
        }

        @Override
        public void flush(boolean endOfInput) {
          if (endOfInput) {
            COUNTED.addAndGet(count);
            count = 0;
            FlinkEnvironments.inputEnded();
          }
        }

        @Override
        public void close() {}
      };
    }
  }

  /** Collects every record's string form. */
  static final class Collecting implements Sink<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<String> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(String element, Context ctx) {
          COLLECTED.add(element);
        }

        @Override
        public void flush(boolean endOfInput) {
          if (endOfInput) {
            FlinkEnvironments.inputEnded();
          }
        }

        @Override
        public void close() {}
      };
    }
  }

  /** Records each event's latency: now minus its {@code f0} (source timestamp, µs). */
  static final class Latency implements Sink<Tuple3<Long, Long, Double>> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<Tuple3<Long, Long, Double>> createWriter(WriterInitContext context) {
      LatencyRecorder recorder = LatencyRecorder.global();
      return new SinkWriter<>() {
        @Override
        public void write(Tuple3<Long, Long, Double> element, Context ctx) {
          recorder.record(element.f0);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }

  static List<String> collected() {
    return List.copyOf(COLLECTED);
  }
}
