"""The continuous ingestion pipeline (examples/src/main/java/io/ember/examples/ClickstreamIngest.java) as a
PySpark Structured Streaming script.

JSON click events land in a directory; the query parses them with a schema, sets an event-time watermark,
counts clicks per page in 10-second windows and writes each window once, as JSON, when the watermark closes
it (append mode). A feeder thread writes a file every 200 ms elsewhere and moves it into the directory, the
rule for streaming file sources (a file must be complete when it appears). It runs unchanged on Ember:

    bin/ember submit examples/python/clickstream_ingest.py [work-dir]
"""

import datetime
import json
import os
import random
import sys
import tempfile
import threading
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

FILES = 40
EVENTS_PER_FILE = 250
PAGES = ["home", "search", "product", "cart", "checkout"]


def feed(staging, landing):
    """Writes FILES files of events; event times advance a second per file, one event in fifty is 20 s late."""
    rnd = random.Random(42)
    start = datetime.datetime(2026, 11, 26, 9, 0, 0, tzinfo=datetime.timezone.utc)
    for f in range(FILES):
        lines = []
        for _ in range(EVENTS_PER_FILE):
            lateness = 20_000 if rnd.randrange(50) == 0 else rnd.randrange(1_000)
            ts = start + datetime.timedelta(milliseconds=f * 1_000 + rnd.randrange(1_000) - lateness)
            lines.append(json.dumps({
                "ts": ts.isoformat().replace("+00:00", "Z"),
                "user_id": rnd.randrange(500),
                "page": PAGES[rnd.randrange(len(PAGES))],
                "latency_ms": 20 + rnd.randrange(300),
            }))
        name = "clicks-%04d.json" % f
        with open(os.path.join(staging, name), "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        os.replace(os.path.join(staging, name), os.path.join(landing, name))
        time.sleep(0.2)


def main(argv):
    work = argv[1] if len(argv) > 1 else tempfile.mkdtemp(prefix="ember-clickstream-")
    landing = os.path.join(work, "landing")
    staging = os.path.join(work, "staging")
    output = os.path.join(work, "clicks-per-window")
    os.makedirs(landing, exist_ok=True)
    os.makedirs(staging, exist_ok=True)

    spark = SparkSession.builder.appName("clickstream-ingest").getOrCreate()
    clicks = (spark.readStream
              .schema("ts TIMESTAMP, user_id BIGINT, page STRING, latency_ms INT")
              .option("maxFilesPerTrigger", 4)
              .json(landing))

    per_window = (clicks
                  .withWatermark("ts", "5 seconds")
                  .groupBy(F.window("ts", "10 seconds"), "page")
                  .agg(F.count("*").alias("clicks"), F.round(F.avg("latency_ms"), 1).alias("avg_latency_ms"))
                  .select(F.col("window.start").alias("window_start"), F.col("window.end").alias("window_end"),
                          "page", "clicks", "avg_latency_ms"))

    query = (per_window.writeStream
             .format("json")
             .outputMode("append")
             .queryName("clicks_per_window")
             .option("checkpointLocation", os.path.join(work, "checkpoint"))
             .start(output))

    feeder = threading.Thread(target=feed, args=(staging, landing), name="click-feeder")
    feeder.start()
    feeder.join()
    query.processAllAvailable()
    print("Last progress:", json.dumps(query.lastProgress, indent=2))
    query.stop()

    print("Windows written to", output + ":")
    (spark.read
     .schema("window_start TIMESTAMP, window_end TIMESTAMP, page STRING, clicks BIGINT, avg_latency_ms DOUBLE")
     .json(output)
     .orderBy("window_start", "page")
     .show(20, False))
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
