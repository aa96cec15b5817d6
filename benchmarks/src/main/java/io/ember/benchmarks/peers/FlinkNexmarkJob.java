package io.ember.benchmarks.peers;

import io.ember.benchmarks.e2e.JobOutput;
import io.ember.benchmarks.nexmark.NexmarkGenerator;
import io.ember.benchmarks.nexmark.NexmarkQueries;
import io.ember.benchmarks.nexmark.NexmarkSpan;
import io.ember.benchmarks.nexmark.NexmarkStream;
import io.ember.benchmarks.nexmark.RowDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * A Nexmark query on Flink 2 at saturation: the standard Nexmark SQL ({@link NexmarkQueries#flinkSql}) on the Table
 * API in streaming mode over views {@code person}, {@code auction}, {@code bid}, each a {@link DataGeneratorSource}
 * of the same events as Ember's ({@link NexmarkGenerator}, {@link NexmarkStream}: source subtask {@code p} of
 * {@code P} makes the events of partition {@code p}, in event-time order), with the watermark
 * {@code dateTime - INTERVAL '4' SECOND}; the result rows digested by a sink ({@link RowDigest}); an updating
 * result (q4) is materialized first (inserts and updates-after added, deletes and updates-before taken away).
 * Arguments: {@code <master> <query> <events> <source partitions> [<inter-event delay µs>]}; {@code events} must be a multiple of
 * {@code 50 * partitions} (every generator index is an event). Prints the digest as its one row, and
 * {@code events_per_s} (over {@link NexmarkSpan}: from the first generated event to the last sink writer's end of input
 * with rows digested) and {@code out_rows}.
 */
public final class FlinkNexmarkJob {
  private static volatile RowDigest digest;
  private static final Map<List<Object>, Long> MATERIALIZED = new ConcurrentHashMap<>();

  private FlinkNexmarkJob() {}

  /** Index {@code v} of {@code partitions * perPartition} to the event of partition {@code v / perPartition}. */
  static final class Events implements GeneratorFunction<Long, Row> {
    private static final long serialVersionUID = 1L;
    private final NexmarkStream stream;
    private final int partitions;
    private final long perPartition;
    private final long delay;
    private transient NexmarkGenerator generator;

    Events(NexmarkStream stream, int partitions, long perPartition, long delay) {
      this.stream = stream;
      this.partitions = partitions;
      this.perPartition = perPartition;
      this.delay = delay;
    }

    @Override
    public void open(SourceReaderContext context) {
      generator = new NexmarkGenerator(NexmarkQueries.SEED, delay);
    }

    @Override
    public Row map(Long v) {
      NexmarkSpan.eventsRead();
      int p = (int) (v / perPartition);
      Object[] values = stream.values(generator, stream.eventId(v % perPartition, p, partitions));
      List<String> names = stream.columns();
      for (int c = 0; c < values.length; c++) {
        if (isTime(names.get(c))) {
          values[c] = LocalDateTime.ofInstant(Instant.ofEpochMilli((Long) values[c]), ZoneOffset.UTC);
        }
      }
      return Row.of(values);
    }
  }

  private static boolean isTime(String column) {
    return column.equals("dateTime") || column.equals("expires");
  }

  /** Digests each row (insert-only results). */
  static final class DigestSink implements Sink<Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<Row> createWriter(WriterInitContext context) {
      RowDigest.Part part = digest.part();
      return new SinkWriter<>() {
        @Override
        public void write(Row row, Context ctx) {
          part.add(values(row));
        }

        @Override
        public void flush(boolean endOfInput) {
          if (endOfInput && part.flush() > 0) {
            NexmarkSpan.rowsDigested();
          }
        }

        @Override
        public void close() {}
      };
    }
  }

  /** Materializes a changelog into {@link #MATERIALIZED} (row → multiplicity). */
  static final class ChangelogSink implements Sink<Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<Row> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        private boolean wrote;

        @Override
        public void write(Row row, Context ctx) {
          wrote = true;
          long delta = switch (row.getKind()) {
            case INSERT, UPDATE_AFTER -> 1;
            case UPDATE_BEFORE, DELETE -> -1;
          };
          MATERIALIZED.merge(Arrays.asList(values(row)), delta, Long::sum);
        }

        @Override
        public void flush(boolean endOfInput) {
          if (endOfInput && wrote) {
            NexmarkSpan.rowsDigested();
          }
        }

        @Override
        public void close() {}
      };
    }
  }

  private static Object[] values(Row row) {
    Object[] v = new Object[row.getArity()];
    for (int i = 0; i < v.length; i++) {
      v[i] = row.getField(i);
    }
    return v;
  }

  private static void register(StreamExecutionEnvironment env, StreamTableEnvironment tables, NexmarkStream stream,
      long events, int partitions, long delay) {
    long perPartition = events / NexmarkGenerator.TOTAL / partitions * stream.perCycle();
    String[] names = stream.columns().toArray(String[]::new);
    TypeInformation<?>[] types = new TypeInformation<?>[names.length];
    Schema.Builder schema = Schema.newBuilder();
    for (int c = 0; c < names.length; c++) {
      boolean time = isTime(names[c]);
      boolean string = stream.schema().fields().get(c).dataType().equals(io.ember.core.types.DataTypes.STRING);
      types[c] = time ? Types.LOCAL_DATE_TIME : string ? Types.STRING : Types.LONG;
      schema.column(names[c], time ? DataTypes.TIMESTAMP(3) : string ? DataTypes.STRING() : DataTypes.BIGINT());
    }
    schema.watermark("dateTime", "`dateTime` - INTERVAL '"
        + NexmarkQueries.WATERMARK_DELAY_MICROS / 1_000_000 + "' SECOND");
    DataGeneratorSource<Row> source = new DataGeneratorSource<>(new Events(stream, partitions, perPartition, delay),
        perPartition * partitions, Types.ROW_NAMED(names, types));
    DataStream<Row> rows = env.fromSource(source, WatermarkStrategy.noWatermarks(), stream.tableName())
        .setParallelism(partitions);
    tables.createTemporaryView(stream.tableName(), tables.fromDataStream(rows, schema.build()));
  }

  public static void main(String[] args) throws Exception {
    String q = NexmarkQueries.require(args[1]);
    long events = Long.parseLong(args[2]);
    int partitions = Integer.parseInt(args[3]);
    long delay = args.length > 4 ? Long.parseLong(args[4]) : NexmarkQueries.INTER_EVENT_DELAY_MICROS;
    if (events % ((long) NexmarkGenerator.TOTAL * partitions) != 0) {
      throw new IllegalArgumentException("events must be a multiple of 50 * partitions");
    }
    digest = new RowDigest(NexmarkQueries.timeColumn(q), NexmarkQueries.cutoffMicros(events, delay));
    NexmarkSpan.reset();
    long start = System.nanoTime();
    StreamExecutionEnvironment env = FlinkEnvironments.local(FlinkEnvironments.parallelism(args[0]));
    StreamTableEnvironment tables = StreamTableEnvironment.create(env);
    tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
    long queryStart = System.nanoTime();
    for (NexmarkStream s : NexmarkQueries.inputs(q)) {
      register(env, tables, s, events, partitions, delay);
    }
    Table result = tables.sqlQuery(NexmarkQueries.flinkSql(q));
    if (NexmarkQueries.updating(q)) {
      tables.toChangelogStream(result).sinkTo(new ChangelogSink());
    } else {
      tables.toDataStream(result).sinkTo(new DigestSink());
    }
    env.execute("nexmark-" + q);
    long end = System.nanoTime();
    if (NexmarkQueries.updating(q)) {
      RowDigest.Part part = digest.part();
      MATERIALIZED.forEach((row, n) -> {
        for (long k = 0; k < n; k++) {
          part.add(row.toArray());
        }
      });
      part.flush();
    }
    String result0 = digest.result();
    new JobOutput().row(result0)
        .figure("events_per_s", NexmarkSpan.eventsPerSecond(events))
        .figure("out_rows", Long.parseLong(result0.split(",")[0]))
        .print(queryStart - start, end - queryStart);
  }
}
