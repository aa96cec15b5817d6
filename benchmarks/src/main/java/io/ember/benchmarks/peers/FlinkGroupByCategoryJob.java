package io.ember.benchmarks.peers;

import io.ember.benchmarks.data.CategoryTotals.EngineRow;
import io.ember.benchmarks.e2e.JobOutput;
import io.ember.benchmarks.stream.Masters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Workload B1 on Flink 2 batch (Table API / SQL in batch mode, MiniCluster, parallelism from the master): the
 * events CSV as a {@code filesystem} table with the same explicit schema ({@link FlinkTables}), {@code GROUP BY
 * category} with {@code COUNT(*), SUM(price), AVG(price)}, collected; the same printed lines as
 * {@link io.ember.benchmarks.e2e.GroupByCategoryJob}. The query drops the header's row, whose {@code ts_ms} is
 * null (the generated data has no other). Arguments: {@code <master> <path>}.
 */
public final class FlinkGroupByCategoryJob {
  private FlinkGroupByCategoryJob() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException("Usage: FlinkGroupByCategoryJob <master> <events.csv>");
    }
    long start = System.nanoTime();
    TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode().build());
    tables.getConfig().set(CoreOptions.DEFAULT_PARALLELISM, Masters.cores(args[0]));
    long queryStart = System.nanoTime();
    tables.executeSql(FlinkTables.eventsTable(java.nio.file.Path.of(args[1])));
    List<EngineRow> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = tables.executeSql("SELECT category, COUNT(*), SUM(price), AVG(price) FROM events"
        + " WHERE ts_ms IS NOT NULL GROUP BY category").collect()) {
      while (it.hasNext()) {
        Row r = it.next();
        rows.add(new EngineRow((String) r.getField(0), (Long) r.getField(1), (Double) r.getField(2),
            (Double) r.getField(3)));
      }
    }
    long end = System.nanoTime();
    JobOutput out = new JobOutput();
    rows.stream().sorted(Comparator.comparing(EngineRow::category)).forEach(r -> out.row(r.format()));
    out.print(queryStart - start, end - queryStart);
  }
}
