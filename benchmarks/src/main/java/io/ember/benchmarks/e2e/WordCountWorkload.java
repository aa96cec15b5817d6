package io.ember.benchmarks.e2e;

import io.ember.benchmarks.Args;
import io.ember.benchmarks.data.EventsGenerator;
import io.ember.benchmarks.data.WordsGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * B3: word count over a generated Zipf text ({@link WordsGenerator}), top 20 words by count (ties by word), on
 * Ember, Spark and Flink batch; every answer checked against the generator's exact counts. Options:
 * {@code --bytes SIZE} [100m], {@code --seed S}, {@code --data-dir DIR} [benchmarks/data].
 */
public final class WordCountWorkload implements Workload {
  @Override
  public String name() {
    return "b3";
  }

  @Override
  public String mainClass(String engine) {
    return switch (engine) {
      case "ember" -> "io.ember.benchmarks.e2e.WordCountJob";
      case "spark" -> "io.ember.benchmarks.peers.SparkWordCountJob";
      case "flink" -> "io.ember.benchmarks.peers.FlinkWordCountJob";
      default -> throw new IllegalArgumentException("Workload b3 has no job for engine '" + engine + "'");
    };
  }

  @Override
  public Input prepare(Args args) throws IOException {
    long seed = args.getLong("seed", WordsGenerator.DEFAULT_SEED);
    long minBytes = EventsGenerator.parseSize(args.get("bytes", "100m"));
    Path data = Path.of(args.get("data-dir", "benchmarks/data")).resolve("words-" + minBytes + "-bytes-seed-" + seed
        + ".txt");
    System.out.println("Data: " + data + ", generating if missing ...");
    WordsGenerator.Totals totals = WordsGenerator.ensure(seed, minBytes, data);
    String label = String.format("B3 word count, top %d: %,d words (Zipf over %,d distinct), %,d bytes",
        WordsGenerator.TOP, totals.words(), WordsGenerator.VOCABULARY, totals.bytes());
    return new Input(label, List.of(data.toString()), totals.words(), totals.bytes(), totals::check);
  }
}
