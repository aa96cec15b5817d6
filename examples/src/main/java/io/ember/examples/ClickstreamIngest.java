package io.ember.examples;

import static io.ember.api.functions.avg;
import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.round;
import static io.ember.api.functions.window;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Random;

/**
 * A continuous ingestion pipeline: JSON click events land in a directory, are parsed with a schema, get an
 * event-time watermark, are counted per page in 10-second windows, and each window is written once, as JSON,
 * when the watermark closes it (append mode). A batch read of the output directory at the end sees only
 * committed files.
 *
 * <p>The example feeds itself: a writer thread drops one file of events every 200 ms into the input
 * directory, writing it elsewhere first and moving it in, which is the rule for streaming file sources (a
 * file must be complete when it appears). Event times advance by a second per file; some events arrive
 * late on purpose, and those older than the watermark are dropped, as Spark drops them.
 *
 * <p>Run it with {@code bin/ember example ingest [work-dir]}; without an argument it works under the system
 * temp directory.
 */
public final class ClickstreamIngest {
  private static final int FILES = 40;
  private static final int EVENTS_PER_FILE = 250;
  private static final String[] PAGES = {"home", "search", "product", "cart", "checkout"};

  private ClickstreamIngest() {}

  public static void main(String[] args) throws Exception {
    Path work = args.length > 0 ? Path.of(args[0])
        : Files.createTempDirectory("ember-clickstream");
    Path landing = Files.createDirectories(work.resolve("landing"));
    Path staging = Files.createDirectories(work.resolve("staging"));
    Path output = work.resolve("clicks-per-window");

    try (Session spark = Session.builder().appName("clickstream-ingest").getOrCreate()) {
      DataFrame clicks = spark.readStream()
          .schema("ts TIMESTAMP, user_id BIGINT, page STRING, latency_ms INT")
          .option("maxFilesPerTrigger", 4)
          .json(landing.toString());

      DataFrame perWindow = clicks
          .withWatermark("ts", "5 seconds")
          .groupBy(window(col("ts"), "10 seconds"), col("page"))
          .agg(count("*").alias("clicks"), round(avg("latency_ms"), 1).alias("avg_latency_ms"))
          .select(col("window.start").alias("window_start"), col("window.end").alias("window_end"),
              col("page"), col("clicks"), col("avg_latency_ms"));

      StreamingQuery query = perWindow.writeStream()
          .format("json")
          .outputMode("append")
          .queryName("clicks_per_window")
          .option("checkpointLocation", work.resolve("checkpoint").toString())
          .start(output.toString());

      Thread feeder = new Thread(() -> feed(staging, landing), "click-feeder");
      feeder.start();
      feeder.join();
      query.processAllAvailable();
      System.out.println("Last progress: " + query.lastProgress().prettyJson());
      query.stop();

      System.out.println("Windows written to " + output + ":");
      spark.read()
          .schema("window_start TIMESTAMP, window_end TIMESTAMP, page STRING, clicks BIGINT, avg_latency_ms DOUBLE")
          .json(output.toString())
          .orderBy(col("window_start"), col("page"))
          .show(20, false);
    }
  }

  /** Writes {@link #FILES} files of events, each moved into {@code landing} once complete. */
  private static void feed(Path staging, Path landing) {
    Random random = new Random(42);
    Instant start = Instant.parse("2026-11-26T09:00:00Z");
    try {
      for (int f = 0; f < FILES; f++) {
        StringBuilder json = new StringBuilder();
        for (int e = 0; e < EVENTS_PER_FILE; e++) {
          // Mostly on time; one event in fifty arrives 20 s late and falls behind the watermark.
          long lateness = random.nextInt(50) == 0 ? 20_000 : random.nextInt(1_000);
          Instant ts = start.plusMillis(f * 1_000L + random.nextInt(1_000) - lateness);
          json.append("{\"ts\":\"").append(ts).append("\",\"user_id\":").append(random.nextInt(500))
              .append(",\"page\":\"").append(PAGES[random.nextInt(PAGES.length)])
              .append("\",\"latency_ms\":").append(20 + random.nextInt(300)).append("}\n");
        }
        Path file = staging.resolve(String.format("clicks-%04d.json", f));
        Files.writeString(file, json, StandardCharsets.UTF_8);
        Files.move(file, landing.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(200);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
