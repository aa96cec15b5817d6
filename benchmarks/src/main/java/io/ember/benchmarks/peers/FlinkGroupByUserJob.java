package io.ember.benchmarks.peers;

import io.ember.benchmarks.e2e.JobOutput;
import io.ember.benchmarks.stream.Masters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Workload B2 on Flink 2 batch (Table API / SQL in batch mode, MiniCluster, parallelism from the master): the
 * events CSV as a {@code filesystem} table, {@code GROUP BY user_id} with {@code COUNT(*), SUM(price)}, written
 * by {@code INSERT INTO} a {@code filesystem} CSV table over the output directory (Flink writes no header; the
 * check skips a header only when there is one). The header line of the input is dropped as in
 * {@link FlinkGroupByCategoryJob}. The output directory is emptied first, as the other engines' overwrite mode
 * does. Arguments: {@code <master> <events.csv> <output dir>}.
 */
public final class FlinkGroupByUserJob {
  private FlinkGroupByUserJob() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      throw new IllegalArgumentException("Usage: FlinkGroupByUserJob <master> <events.csv> <output dir>");
    }
    long start = System.nanoTime();
    TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode().build());
    tables.getConfig().set(CoreOptions.DEFAULT_PARALLELISM, Masters.cores(args[0]));
    long queryStart = System.nanoTime();
    Path out = Path.of(args[2]).toAbsolutePath();
    emptyDirectory(out);
    tables.executeSql(FlinkTables.eventsTable(Path.of(args[1])));
    tables.executeSql("CREATE TEMPORARY TABLE totals (user_id BIGINT, cnt BIGINT, total DOUBLE) WITH ("
        + "'connector' = 'filesystem', 'path' = 'file://" + out + "', 'format' = 'csv')");
    tables.executeSql("INSERT INTO totals SELECT user_id, COUNT(*), SUM(price) FROM events"
        + " WHERE ts_ms IS NOT NULL GROUP BY user_id").await();
    new JobOutput().print(queryStart - start, System.nanoTime() - queryStart);
  }

  /** Deletes everything under {@code dir} (and creates it when missing). */
  private static void emptyDirectory(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.delete(p);
          }
        }
      }
    }
    Files.createDirectories(dir);
  }
}
