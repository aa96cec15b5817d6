package io.ember.benchmarks.e2e;

import io.ember.benchmarks.Args;
import io.ember.benchmarks.data.CategoryTotals;
import io.ember.benchmarks.data.DepartmentTotals;
import io.ember.benchmarks.data.EventsGenerator;
import io.ember.benchmarks.data.EventsSpec;
import io.ember.benchmarks.data.ItemsGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * B4: the events file of {@link GroupByCategoryWorkload} joined with the {@link EventsSpec#ITEMS}-row items table
 * on {@code item_id}, then grouped by {@code department} with {@code count(*), sum(price)}; checked against
 * {@link DepartmentTotals}. Options as B1's ({@code --rows}, {@code --categories}, {@code --seed},
 * {@code --data-dir}).
 */
public final class JoinWorkload implements Workload {
  @Override
  public String name() {
    return "b4";
  }

  @Override
  public String mainClass(String engine) {
    return switch (engine) {
      case "ember" -> "io.ember.benchmarks.e2e.JoinJob";
      case "spark" -> "io.ember.benchmarks.peers.SparkJoinJob";
      case "flink" -> "io.ember.benchmarks.peers.FlinkJoinJob";
      default -> throw new IllegalArgumentException("Workload b4 has no job for engine '" + engine + "'");
    };
  }

  @Override
  public Input prepare(Args args) throws IOException {
    long seed = args.getLong("seed", EventsSpec.DEFAULT_SEED);
    EventsSpec spec = EventsSpec.ofRows(args.getLong("rows", 10_000_000L), args.getInt("categories", 20), seed);
    Path dataDir = Path.of(args.get("data-dir", "benchmarks/data"));
    Path events = dataDir.resolve("events-" + spec.rows() + "-rows-" + spec.categories() + "-keys.csv");
    System.out.println("Data: " + events + " (" + spec.describe() + "), generating if missing ...");
    CategoryTotals file = EventsGenerator.ensure(spec, events);
    Path items = ItemsGenerator.ensure(dataDir.resolve("items-" + EventsSpec.ITEMS + "-seed-" + seed + ".csv"), seed);
    DepartmentTotals totals = DepartmentTotals.of(events, seed);
    String label = String.format("B4 events join items (%,d rows) on item_id, group by department (count, sum):"
        + " %,d rows, %,d bytes, %d groups", EventsSpec.ITEMS, file.rows(), file.bytes(), ItemsGenerator.DEPARTMENTS);
    return new Input(label, List.of(events.toString(), items.toString()), file.rows(), file.bytes(), totals::check);
  }
}
