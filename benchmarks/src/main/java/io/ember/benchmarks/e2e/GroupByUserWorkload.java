package io.ember.benchmarks.e2e;

import io.ember.benchmarks.Args;
import io.ember.benchmarks.data.CategoryTotals;
import io.ember.benchmarks.data.EventsGenerator;
import io.ember.benchmarks.data.EventsSpec;
import io.ember.benchmarks.data.UserTotals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * B2: the events file of {@link GroupByCategoryWorkload} grouped by {@code user_id} (up to
 * {@link EventsSpec#USERS} groups) with {@code count(*), sum(price)}, written as CSV with a header. The
 * answer is checked by reading the part files the job wrote against {@link UserTotals}. Options as B1's, plus
 * {@code --out-dir DIR} [the data directory's {@code b2-output}].
 */
public final class GroupByUserWorkload implements Workload {
  @Override
  public String name() {
    return "b2";
  }

  @Override
  public String mainClass(String engine) {
    return switch (engine) {
      case "ember" -> "io.ember.benchmarks.e2e.GroupByUserJob";
      case "spark" -> "io.ember.benchmarks.peers.SparkGroupByUserJob";
      case "flink" -> "io.ember.benchmarks.peers.FlinkGroupByUserJob";
      default -> throw new IllegalArgumentException("Workload b2 has no job for engine '" + engine + "'");
    };
  }

  @Override
  public Input prepare(Args args) throws IOException {
    EventsSpec spec = EventsSpec.ofRows(args.getLong("rows", 10_000_000L), args.getInt("categories", 20),
        args.getLong("seed", EventsSpec.DEFAULT_SEED));
    Path dataDir = Path.of(args.get("data-dir", "benchmarks/data"));
    Path data = dataDir.resolve("events-" + spec.rows() + "-rows-" + spec.categories() + "-keys.csv");
    System.out.println("Data: " + data + " (" + spec.describe() + "), generating if missing ...");
    CategoryTotals file = EventsGenerator.ensure(spec, data);
    UserTotals users = UserTotals.of(data);
    Path out = Path.of(args.get("out-dir", dataDir.resolve("b2-output").toString())).toAbsolutePath();
    String label = String.format("B2 group by user_id (count, sum) written as CSV: %,d rows, %,d bytes, %,d groups",
        file.rows(), file.bytes(), users.groups());
    return new Input(label, List.of(data.toString(), out.toString()), file.rows(), file.bytes(),
        rows -> users.check(readParts(out)));
  }

  /** Every line of the part files under {@code dir}. */
  private static List<String> readParts(Path dir) {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
        lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the job's output under " + dir, e);
    }
    return lines;
  }
}
