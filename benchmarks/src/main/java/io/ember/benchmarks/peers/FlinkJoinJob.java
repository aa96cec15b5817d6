package io.ember.benchmarks.peers;

import io.ember.benchmarks.e2e.JobOutput;
import io.ember.benchmarks.stream.Masters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Workload B4 on Flink 2 batch (Table API / SQL in batch mode, MiniCluster, parallelism from the master): the
 * events and items CSV files as {@code filesystem} tables, joined on {@code item_id}, grouped by
 * {@code department} with {@code COUNT(*), SUM(price)}, collected; the same printed lines as
 * {@link io.ember.benchmarks.e2e.JoinJob}. Header lines are dropped as in {@link FlinkGroupByCategoryJob}; the
 * planner picks the join strategy itself. Arguments: {@code <master> <events.csv> <items.csv>}.
 */
public final class FlinkJoinJob {
  private FlinkJoinJob() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      throw new IllegalArgumentException("Usage: FlinkJoinJob <master> <events.csv> <items.csv>");
    }
    long start = System.nanoTime();
    TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode().build());
    tables.getConfig().set(CoreOptions.DEFAULT_PARALLELISM, Masters.cores(args[0]));
    long queryStart = System.nanoTime();
    tables.executeSql(FlinkTables.eventsTable(Path.of(args[1])));
    tables.executeSql(FlinkTables.itemsTable(Path.of(args[2])));
    List<String> lines = new ArrayList<>();
    try (CloseableIterator<Row> it = tables.executeSql("SELECT i.department, COUNT(*), SUM(e.price)"
        + " FROM events e JOIN items i ON e.item_id = i.item_id"
        + " WHERE e.ts_ms IS NOT NULL AND i.item_id IS NOT NULL"
        + " GROUP BY i.department ORDER BY i.department").collect()) {
      while (it.hasNext()) {
        Row r = it.next();
        lines.add(r.getField(0) + "," + r.getField(1) + "," + r.getField(2));
      }
    }
    long end = System.nanoTime();
    JobOutput out = new JobOutput();
    lines.forEach(out::row);
    out.print(queryStart - start, end - queryStart);
  }
}
