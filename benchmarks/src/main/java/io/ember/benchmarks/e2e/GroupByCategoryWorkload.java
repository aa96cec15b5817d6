package io.ember.benchmarks.e2e;

import io.ember.benchmarks.Args;
import io.ember.benchmarks.data.CategoryTotals;
import io.ember.benchmarks.data.CategoryTotals.EngineRow;
import io.ember.benchmarks.data.EventsGenerator;
import io.ember.benchmarks.data.EventsSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * B1: group a generated events CSV by {@code category} with {@code count(*), sum(price), avg(price)}; answers
 * checked against the generator's exact totals. Options: {@code --rows N} [10000000] or {@code --bytes SIZE},
 * {@code --categories K} [20], {@code --seed S}, {@code --data-dir DIR} [benchmarks/data], {@code --label}.
 */
public final class GroupByCategoryWorkload implements Workload {
  @Override
  public String name() {
    return "b1";
  }

  @Override
  public String mainClass(String engine) {
    return switch (engine) {
      case "ember" -> "io.ember.benchmarks.e2e.GroupByCategoryJob";
      case "spark" -> "io.ember.benchmarks.peers.SparkGroupByCategoryJob";
      case "flink" -> "io.ember.benchmarks.peers.FlinkGroupByCategoryJob";
      default -> throw new IllegalArgumentException("Workload b1 has no job for engine '" + engine + "'");
    };
  }

  @Override
  public Input prepare(Args args) throws IOException {
    int categories = args.getInt("categories", 20);
    long seed = args.getLong("seed", EventsSpec.DEFAULT_SEED);
    EventsSpec spec = args.has("bytes")
        ? EventsSpec.ofBytes(EventsGenerator.parseSize(args.get("bytes")), categories, seed)
        : EventsSpec.ofRows(args.getLong("rows", 10_000_000L), categories, seed);
    Path data = Path.of(args.get("data-dir", "benchmarks/data"))
        .resolve(spec.rows() > 0 ? "events-" + spec.rows() + "-rows-" + categories + "-keys.csv"
            : "events-" + spec.minBytes() + "-bytes-" + categories + "-keys.csv");
    System.out.println("Data: " + data + " (" + spec.describe() + "), generating if missing ...");
    CategoryTotals totals = EventsGenerator.ensure(spec, data);
    String label = String.format("%s: %,d rows, %,d bytes, %d groups",
        args.get("label", "B1 group by category (count, sum, avg)"), totals.rows(), totals.bytes(),
        totals.groups().size());
    return new Input(label, List.of(data.toString()), totals.rows(), totals.bytes(),
        rows -> totals.check(rows.stream().map(EngineRow::parse).toList()));
  }
}
