package io.ember.benchmarks.peers;

import io.ember.benchmarks.e2e.JobOutput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Workload B3 on Flink 2 batch: Flink's word count (DataStream API in {@code BATCH} mode, a local MiniCluster with
 * the master's parallelism, object reuse on): a {@link FileSource} of text lines, split on spaces into
 * {@code (word, 1)}, {@code keyBy(word).sum(1)}, collected; the top 20 (count descending, then word) are picked from
 * the collected counts in the client (Flink's DataStream API has no global sort; ~50,000 pairs). Arguments:
 * {@code <master> <path>}; prints the same lines as {@link io.ember.benchmarks.e2e.WordCountJob}.
 */
public final class FlinkWordCountJob {
  private FlinkWordCountJob() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(FlinkEnvironments.parallelism(args[0]), conf);
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    long queryStart = System.nanoTime();
    FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(),
        new Path(java.nio.file.Path.of(args[1]).toAbsolutePath().toUri())).build();
    List<Tuple2<String, Long>> counts = new ArrayList<>();
    try (CloseableIterator<Tuple2<String, Long>> it = env
        .fromSource(source, WatermarkStrategy.noWatermarks(), "text")
        .flatMap((String line, Collector<Tuple2<String, Long>> out) -> {
          for (String w : line.split(" ")) {
            out.collect(Tuple2.of(w, 1L));
          }
        })
        .returns(Types.TUPLE(Types.STRING, Types.LONG))
        .keyBy(t -> t.f0, Types.STRING)
        .sum(1)
        .executeAndCollect("b3-word-count")) {
      while (it.hasNext()) {
        Tuple2<String, Long> t = it.next();
        counts.add(Tuple2.of(t.f0, t.f1));
      }
    }
    List<Tuple2<String, Long>> top = counts.stream()
        .sorted(Comparator.<Tuple2<String, Long>>comparingLong(t -> -t.f1).thenComparing(t -> t.f0))
        .limit(20)
        .toList();
    long end = System.nanoTime();
    JobOutput out = new JobOutput();
    top.forEach(t -> out.row(t.f0 + "," + t.f1));
    out.print(queryStart - start, end - queryStart);
  }
}
