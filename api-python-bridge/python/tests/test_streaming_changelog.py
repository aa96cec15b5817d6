"""An aggregation over the updates of another (Nexmark q4's shape) from Python: the highest bid per auction,
then the average of those per category, over several epochs in which higher bids arrive later."""

import os
import time

import pytest

from ember.errors import AnalysisException
import ember.sql.functions as F

BIDS = "auction LONG, category LONG, price LONG"
FILES = [
    "1,10,5\n2,10,3\n3,20,8\n",
    "2,10,7\n1,10,4\n",
    "3,20,12\n4,20,1\n",
]


def write_files(directory, files):
    """Writes each text of ``files`` as ``<i>.csv`` with increasing modification times (the read order)."""
    os.makedirs(directory, exist_ok=True)
    base = time.time() - 600
    for i, text in enumerate(files):
        path = os.path.join(directory, "%d.csv" % i)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        os.utime(path, (base + i * 10, base + i * 10))


def expected(files):
    """Category -> (count, average) of the highest bid per auction, in plain Python."""
    highest, categories = {}, {}
    for text in files:
        for line in text.split():
            auction, category, price = (int(v) for v in line.split(","))
            highest[auction] = max(highest.get(auction, price), price)
            categories[auction] = category
    out = {}
    for auction, price in highest.items():
        n, total = out.get(categories[auction], (0, 0))
        out[categories[auction]] = (n + 1, total + price)
    return {c: (n, total / n) for c, (n, total) in out.items()}


def q4(spark, src):
    bids = spark.readStream.schema(BIDS).option("maxFilesPerTrigger", 1).csv(src)
    finals = bids.groupBy("auction", "category").agg(F.max("price").alias("final"))
    return finals.groupBy("category").agg(F.count("*").alias("n"), F.avg("final").alias("mean"))


def test_average_of_highest_bids_in_complete_mode(spark, tmp_path):
    src = str(tmp_path / "in")
    write_files(src, FILES)
    q = (q4(spark, src).writeStream.outputMode("complete").format("memory").queryName("q4_complete")
         .trigger(availableNow=True).start())
    assert q.awaitTermination(60)
    assert q.exception() is None
    rows = spark.table("q4_complete").collect()
    assert {r.category: (r.n, r.mean) for r in rows} == expected(FILES)
    assert expected(FILES)[10] == (2, 6.0)  # auction 2's 3 was taken back when its 7 arrived


def test_average_of_highest_bids_in_update_mode(spark, tmp_path):
    src = str(tmp_path / "in")
    write_files(src, FILES)
    latest = {}

    def apply(batch_df, batch_id):
        for r in batch_df.collect():
            latest[r.category] = (r.n, r.mean)

    q = q4(spark, src).writeStream.outputMode("update").foreachBatch(apply).trigger(availableNow=True).start()
    assert q.awaitTermination(60)
    assert q.exception() is None
    assert latest == expected(FILES)


def test_max_over_an_updating_aggregation_is_refused(spark, tmp_path):
    src = str(tmp_path / "in")
    write_files(src, FILES)
    bids = spark.readStream.schema(BIDS).csv(src)
    top = bids.groupBy("auction", "category").agg(F.max("price").alias("final")).groupBy("category").agg(
        F.max("final"))
    with pytest.raises(AnalysisException, match="STREAMING_RETRACTION_UNSUPPORTED_FUNCTION"):
        top.writeStream.outputMode("update").format("memory").queryName("q4_max").start()
    with pytest.raises(AnalysisException, match="Append output mode not supported"):
        q4(spark, src).writeStream.outputMode("append").format("memory").queryName("q4_append").start()
