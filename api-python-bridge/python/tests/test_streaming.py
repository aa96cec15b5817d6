"""Structured Streaming from Python: sources, sinks, triggers, the query handle and the manager."""

import json
import os
import time

import pytest

from ember.errors import AnalysisException, IllegalArgumentException, PySparkValueError
import ember.sql.functions as F

SCHEMA = "id INT, name STRING"


def wait_until(predicate, timeout=60.0, step=0.05):
    """Polls ``predicate`` until it holds (False after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def write_files(directory, files, ext="csv"):
    """Writes each text of ``files`` as ``<i>.<ext>`` with increasing modification times (the order a file
    stream reads them in)."""
    os.makedirs(directory, exist_ok=True)
    base = time.time() - 600
    for i, text in enumerate(files):
        path = os.path.join(directory, "%d.%s" % (i, ext))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        os.utime(path, (base + i * 10, base + i * 10))


def test_rate_source_to_memory_sink_read_as_a_table(spark):
    df = spark.readStream.format("rate").option("rowsPerSecond", 200).load()
    assert df.isStreaming
    assert df.columns == ["timestamp", "value"]
    assert not spark.range(3).isStreaming
    q = df.writeStream.format("memory").queryName("rate_table").start()
    try:
        assert q.name == "rate_table"
        assert q.isActive
        assert wait_until(lambda: q.lastProgress is not None)
        assert wait_until(lambda: spark.table("rate_table").count() > 0)
    finally:
        q.stop()
    assert not q.isActive
    rows = spark.table("rate_table").collect()
    values = [r.value for r in rows]
    # The rate source emits 0, 1, 2, ... once each; the table holds the committed epochs' rows, each once.
    assert len(set(values)) == len(values) > 0 and min(values) >= 0
    assert all(r.timestamp is not None for r in rows)
    progress = q.lastProgress
    assert progress["id"] == q.id and progress["runId"] == q.runId
    assert progress.batchId == progress["batchId"] >= 0
    assert progress.sink.description.startswith("MemoryTableSink")
    assert isinstance(progress.sources[0]["numInputRows"], int)
    assert json.loads(progress.json)["batchId"] == progress["batchId"]
    assert [p["batchId"] for p in q.recentProgress] == sorted(p["batchId"] for p in q.recentProgress)
    assert q.status["message"] == "Stopped"


def test_csv_directory_to_json_files_available_now_then_batch_read(spark, tmp_path):
    src, out = str(tmp_path / "in"), str(tmp_path / "out")
    write_files(src, ["1,a\n2,b\n", "3,c\n", "4,d\n5,e\n"])
    stream = spark.readStream.schema(SCHEMA).option("maxFilesPerTrigger", 1).csv(src)
    q = (stream.where(F.col("id") != 2).withColumn("up", F.upper("name"))
         .writeStream.format("json").option("checkpointLocation", str(tmp_path / "cp"))
         .trigger(availableNow=True).start(out))
    assert q.awaitTermination(60)
    assert q.exception() is None
    assert os.path.isdir(os.path.join(out, "_spark_metadata"))
    rows = spark.read.schema("id INT, name STRING, up STRING").json(out).orderBy("id").collect()
    assert [tuple(r) for r in rows] == [(1, "a", "A"), (3, "c", "C"), (4, "d", "D"), (5, "e", "E")]
    assert [p["numInputRows"] for p in q.recentProgress if p["numInputRows"] > 0] == [2, 1, 2]


def test_foreach_batch_gets_each_epochs_rows_and_id_and_can_use_the_session(spark, tmp_path):
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n2,b\n", "3,c\n", "4,d\n5,e\n"])
    seen = []

    def record(batch_df, batch_id):
        assert not batch_df.isStreaming
        rows = sorted(tuple(r) for r in batch_df.collect())
        seen.append((batch_id, batch_df.count(), rows))
        batch_df.persist()
        batch_df.write.mode("append").json(str(tmp_path / "copy"))
        batch_df.unpersist()

    q = (spark.readStream.schema(SCHEMA).option("maxFilesPerTrigger", 1).csv(src)
         .writeStream.foreachBatch(record).trigger(availableNow=True).start())
    q.awaitTermination(60)
    assert q.exception() is None
    data = [s for s in seen if s[1] > 0]
    assert [s[0] for s in seen] == list(range(len(seen)))
    assert [(n, rows) for _, n, rows in data] == [
        (2, [(1, "a"), (2, "b")]), (1, [(3, "c")]), (2, [(4, "d"), (5, "e")])]
    copied = spark.read.schema(SCHEMA).json(str(tmp_path / "copy")).orderBy("id").collect()
    assert [r.id for r in copied] == [1, 2, 3, 4, 5]


def test_foreach_batch_may_wait_on_the_session_while_the_main_thread_waits(spark, tmp_path):
    """A callback runs requests while the main thread is blocked in awaitTermination: no deadlock."""
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n", "2,b\n"])
    counts = []
    q = (spark.readStream.schema(SCHEMA).option("maxFilesPerTrigger", 1).csv(src)
         .writeStream.foreachBatch(lambda df, i: counts.append(spark.range(10).count() + df.count()))
         .trigger(availableNow=True).start())
    q.awaitTermination()
    assert [c for c in counts if c > 10] == [11, 11]


def test_a_foreach_batch_function_may_stop_its_own_query(spark, tmp_path):
    import threading
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n", "2,b\n", "3,c\n"])
    started, batches = threading.Event(), []
    holder = []

    def stop_after_first(df, batch_id):
        started.wait(60)
        batches.append(df.count())
        holder[0].stop()

    q = (spark.readStream.schema(SCHEMA).option("maxFilesPerTrigger", 1).csv(src)
         .writeStream.foreachBatch(stop_after_first).start())
    holder.append(q)
    started.set()
    assert q.awaitTermination(30)
    assert q.exception() is None
    assert batches == [1]


FOREACH_ROWS = []
FOREACH_CALLS = []


class RowWriter:
    """A foreach writer recording its calls in module globals (each epoch gets its own copy of the object)."""

    def __init__(self):
        self.epoch = None

    def open(self, partition_id, epoch_id):
        self.epoch = epoch_id
        FOREACH_CALLS.append(("open", partition_id, epoch_id))
        return epoch_id != 1  # skip the second epoch

    def process(self, row):
        FOREACH_ROWS.append((self.epoch, row.id))

    def close(self, error):
        FOREACH_CALLS.append(("close", self.epoch, error))


def test_foreach_writer_open_process_close_and_plain_function(spark, tmp_path):
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n2,b\n", "3,c\n", "4,d\n"])
    writer = RowWriter()
    q = (spark.readStream.schema(SCHEMA).option("maxFilesPerTrigger", 1).csv(src)
         .writeStream.foreach(writer).trigger(availableNow=True).start())
    q.awaitTermination(60)
    assert q.exception() is None
    assert writer.epoch is None  # the writer given to foreach is copied, never called itself
    assert sorted(FOREACH_ROWS) == [(0, 1), (0, 2), (2, 4)]
    opens = [c for c in FOREACH_CALLS if c[0] == "open"]
    assert [c[1:] for c in opens][:3] == [(0, 0), (0, 1), (0, 2)]
    assert all(c[2] is None for c in FOREACH_CALLS if c[0] == "close")

    rows = []
    q = (spark.readStream.schema(SCHEMA).csv(src).writeStream.foreach(lambda r: rows.append(r.name))
         .trigger(once=True).start())
    q.awaitTermination(60)
    assert sorted(rows) == ["a", "b", "c", "d"]


CLOSED_WITH = []


class FailingWriter:
    """A foreach writer whose process raises on the row with id 2."""

    def process(self, row):
        if row.id == 2:
            raise ValueError("cannot write row 2")

    def close(self, error):
        CLOSED_WITH.append(repr(error))


def test_a_foreach_writer_that_raises_gets_close_with_the_error_and_fails_the_query(spark, tmp_path):
    from ember.errors import StreamingQueryException
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n2,b\n"])
    # A failing task is retried ember.streaming.maxTaskFailures times (each attempt opens and closes a writer)
    # before the query fails with the error: one retry here, so two closes, each given the error.
    spark.conf.set("ember.streaming.maxTaskFailures", "1")
    try:
        q = spark.readStream.schema(SCHEMA).csv(src).writeStream.foreach(FailingWriter()).start()
    finally:
        spark.conf.unset("ember.streaming.maxTaskFailures")
    with pytest.raises(StreamingQueryException, match="ValueError: cannot write row 2"):
        q.awaitTermination(60)
    assert CLOSED_WITH == ["ValueError('cannot write row 2')"] * 2
    with pytest.raises(Exception, match="ATTRIBUTE_NOT_CALLABLE"):
        spark.readStream.schema(SCHEMA).csv(src).writeStream.foreach(object())


EVENTS = [
    "2024-01-01 12:07:00,dog\n2024-01-01 12:08:00,owl\n",
    "2024-01-01 12:14:00,dog\n2024-01-01 12:09:00,cat\n",
    "2024-01-01 12:15:00,cat\n2024-01-01 12:08:00,dog\n2024-01-01 12:13:00,owl\n2024-01-01 12:21:00,owl\n",
    "2024-01-01 12:17:00,owl\n2024-01-01 12:04:00,donkey\n",
]


def windowed_counts(spark, src, mode):
    """The guide's windowed word count (10-minute windows, 10-minute watermark), one file per micro-batch; the
    rows each micro-batch emits, by batch id."""
    words = (spark.readStream.schema("ts TIMESTAMP, word STRING").option("maxFilesPerTrigger", 1).csv(src)
             .withWatermark("ts", "10 minutes"))
    counts = words.groupBy(F.window("ts", "10 minutes"), "word").count()
    out = {}

    def record(df, batch_id):
        out[batch_id] = sorted((r.start, r.word, r["count"]) for r in df.select(
            F.date_format("window.start", "HH:mm").alias("start"), "word", "count").collect())

    q = counts.writeStream.outputMode(mode).foreachBatch(record).trigger(availableNow=True).start()
    q.awaitTermination(60)
    assert q.exception() is None
    return out, q


def test_windowed_count_with_watermark_in_update_mode(spark, tmp_path):
    src = str(tmp_path / "in")
    write_files(src, EVENTS)
    out, q = windowed_counts(spark, src, "update")
    assert [out[i] for i in range(4)] == [
        [("12:00", "dog", 1), ("12:00", "owl", 1)],
        [("12:00", "cat", 1), ("12:10", "dog", 1)],
        [("12:00", "dog", 2), ("12:10", "cat", 1), ("12:10", "owl", 1), ("12:20", "owl", 1)],
        [("12:10", "owl", 2)],  # 12:04 donkey is later than the watermark 12:11: dropped
    ]
    state = [p["stateOperators"][0] for p in q.recentProgress if p["batchId"] == 3][0]
    assert state["numRowsDroppedByWatermark"] == 1


def test_windowed_count_with_watermark_in_append_mode(spark, tmp_path):
    src = str(tmp_path / "in")
    write_files(src, EVENTS)
    out, q = windowed_counts(spark, src, "append")
    emitted = {b: rows for b, rows in out.items() if rows}
    # The 12:00 window closes when the watermark (12:21 - 10 min) passes 12:10, in force from batch 3 on.
    assert emitted == {3: [("12:00", "cat", 1), ("12:00", "dog", 2), ("12:00", "owl", 1)]}
    assert q.lastProgress["eventTime"]["watermark"] == "2024-01-01T12:11:00.000Z"


def test_a_windowed_count_then_a_windowed_sum_over_its_window_time(spark, tmp_path):
    """Two stateful operators in append mode (Spark 3.5+), one file per micro-batch. Each operator drops rows at
    or before its previous batch's watermark as late and closes windows by the current one after the batch's
    rows, so the 5-second windows the watermark closes reach the 10-second windows in the same batch."""
    src = str(tmp_path / "in")
    write_files(src, ["".join("2024-01-01 00:00:%02d,e\n" % s for s in range(10, 22)),
                      "2024-01-01 00:00:30,e\n2024-01-01 00:00:31,e\n", "2024-01-01 00:00:40,e\n"])
    events = (spark.readStream.schema("ts TIMESTAMP, id STRING").option("maxFilesPerTrigger", 1).csv(src)
              .withWatermark("ts", "0 seconds"))
    fives = events.groupBy(F.window("ts", "5 seconds")).agg(F.count("*").alias("n"))
    tens = fives.groupBy(F.window(F.window_time("window"), "10 seconds")).agg(
        F.count("*").alias("windows"), F.sum("n").alias("events"))
    out = {}

    def record(df, batch_id):
        out[batch_id] = sorted(tuple(r) for r in df.select(
            F.date_format("window.start", "HH:mm:ss").alias("start"), "windows", "events").collect())

    q = tens.writeStream.outputMode("append").foreachBatch(record).trigger(availableNow=True).start()
    q.awaitTermination(60)
    assert q.exception() is None
    # batch 0: [10,15) 5, [15,20) 5, [20,25) 2 kept; the watermark becomes 21.
    # batch 1: [30,35) 2; 21 closes [10,15) and [15,20), which make [10,20) = (2, 10), closed by 21 too.
    # batch 2: [40,45) 1; 31 closes [20,25), which makes [20,30) = (1, 2), closed by 31.
    assert [out[i] for i in range(3)] == [[], [("00:00:10", 2, 10)], [("00:00:20", 1, 2)]]


def test_session_window_and_window_time_on_a_batch(spark):
    df = spark.createDataFrame([("2024-01-01 12:00:00", "a"), ("2024-01-01 12:03:00", "a"),
                                ("2024-01-01 12:20:00", "a")], ["t", "k"]).select(
        F.to_timestamp("t").alias("t"), "k")
    sessions = df.groupBy(F.session_window("t", "5 minutes"), "k").count().select(
        F.date_format("session_window.start", "HH:mm").alias("s"),
        F.date_format("session_window.end", "HH:mm").alias("e"), "count").orderBy("s").collect()
    assert [tuple(r) for r in sessions] == [("12:00", "12:08", 2), ("12:20", "12:25", 1)]
    w = df.select(F.window("t", "10 minutes").alias("w")).select(
        F.date_format(F.window_time("w"), "HH:mm:ss.SSSSSS").alias("wt")).orderBy("wt").collect()
    assert [r.wt for r in w] == ["12:09:59.999999", "12:09:59.999999", "12:29:59.999999"]


def test_drop_duplicates_within_watermark(spark, tmp_path):
    src = str(tmp_path / "in")
    write_files(src, ["2024-01-01 12:00:00,a\n2024-01-01 12:01:00,a\n2024-01-01 12:00:00,b\n",
                      "2024-01-01 12:02:00,a\n2024-01-01 12:30:00,c\n"])
    stream = (spark.readStream.schema("ts TIMESTAMP, k STRING").option("maxFilesPerTrigger", 1).csv(src)
              .withWatermark("ts", "5 minutes").dropDuplicatesWithinWatermark(["k"]))
    q = stream.writeStream.format("memory").queryName("dedup_ww").trigger(availableNow=True).start()
    q.awaitTermination(60)
    assert q.exception() is None
    assert sorted(r.k for r in spark.table("dedup_ww").collect()) == ["a", "b", "c"]


def test_errors_of_streaming_queries(spark, tmp_path):
    with pytest.raises(AnalysisException, match="WRITE_STREAM_NOT_ALLOWED"):
        spark.range(3).writeStream
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n"])
    stream = spark.readStream.schema(SCHEMA).csv(src)
    with pytest.raises(IllegalArgumentException, match="STREAMING_OUTPUT_MODE.INVALID"):
        stream.writeStream.outputMode("bogus")
    with pytest.raises(AnalysisException):
        stream.writeStream.outputMode("complete").format("memory").queryName("nope").start()
    with pytest.raises(AnalysisException):
        stream.count()
    with pytest.raises(AnalysisException, match="queryName"):
        stream.writeStream.format("memory").start()
    with pytest.raises(PySparkValueError, match="ONLY_ALLOW_SINGLE_TRIGGER"):
        stream.writeStream.trigger(once=True, availableNow=True)
    with pytest.raises(AnalysisException, match="DATA_SOURCE_NOT_FOUND"):
        spark.readStream.format("nosuchformat").load()


def test_a_failing_foreach_batch_function_fails_the_query_with_the_python_traceback(spark, tmp_path):
    from ember.errors import StreamingQueryException
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n"])

    def boom(df, batch_id):
        if df.count() > 0:
            raise ValueError("bad batch %d" % batch_id)

    q = spark.readStream.schema(SCHEMA).csv(src).writeStream.foreachBatch(boom).start()
    with pytest.raises(StreamingQueryException) as raised:
        q.awaitTermination(60)
    assert "ValueError: bad batch 0" in str(raised.value)
    assert not q.isActive
    e = q.exception()
    assert isinstance(e, StreamingQueryException)
    assert "Traceback (most recent call last)" in str(e) and "in boom" in str(e)
    assert "FOREACH_BATCH_USER_FUNCTION_ERROR" in str(e)


def test_a_batch_the_foreach_batch_function_failed_on_comes_again_after_a_restart(spark, tmp_path):
    """With a checkpoint location, a batch checkpointed but not finished by the function (here it raised, as when
    the process dies) is handed over again by the next run on the location: same id, same rows."""
    from ember.errors import StreamingQueryException
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n2,b\n", "3,c\n", "4,d\n5,e\n"])

    def run(checkpoint, fail_on=None):
        seen = []

        def record(df, batch_id):
            rows = sorted(tuple(r) for r in df.collect())
            seen.append((batch_id, rows))
            if rows == fail_on:
                raise ValueError("the process dies in batch %d" % batch_id)

        q = (spark.readStream.schema(SCHEMA).option("maxFilesPerTrigger", 1).csv(src)
             .writeStream.option("checkpointLocation", checkpoint).foreachBatch(record)
             .trigger(availableNow=True).start())
        try:
            q.awaitTermination(60)
        except StreamingQueryException:
            pass
        return q, [s for s in seen if s[1]]

    _, free = run(str(tmp_path / "free"))
    assert [rows for _, rows in free] == [[(1, "a"), (2, "b")], [(3, "c")], [(4, "d"), (5, "e")]]
    failed, first = run(str(tmp_path / "cp"), fail_on=[(3, "c")])
    assert failed.exception() is not None
    assert first == free[:2]
    _, second = run(str(tmp_path / "cp"))
    assert second == free[1:], "batch %d again with the same rows, then the rest as without the failure" % free[1][0]


def test_await_termination_stop_and_the_manager(spark, tmp_path):
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n"])
    q = spark.readStream.schema(SCHEMA).csv(src).writeStream.format("noop").queryName("idle_q").start()
    try:
        assert q.awaitTermination(0.2) is False
        with pytest.raises(PySparkValueError, match="VALUE_NOT_POSITIVE"):
            q.awaitTermination(-1)
        q.processAllAvailable()
        assert q.lastProgress is not None
        assert [a.id for a in spark.streams.active] == [q.id]
        assert spark.streams.get(q.id).runId == q.runId
        assert spark.streams.get("00000000-0000-0000-0000-000000000000") is None
        spark.streams.resetTerminated()
        assert spark.streams.awaitAnyTermination(0.2) is False
    finally:
        q.stop()
    assert q.awaitTermination() is None
    assert not q.isActive and q.exception() is None
    assert spark.streams.awaitAnyTermination(1) is True
    assert spark.streams.active == []


def test_ctrl_c_in_await_termination_leaves_the_session_usable(spark, tmp_path):
    import _thread
    import threading
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n"])
    q = spark.readStream.schema(SCHEMA).csv(src).writeStream.format("noop").start()
    try:
        timer = threading.Timer(0.5, _thread.interrupt_main)
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            q.awaitTermination()
        assert q.isActive
        assert spark.range(4).count() == 4
    finally:
        q.stop()
    assert not q.isActive


def test_explain_prints_the_streaming_plan(spark, tmp_path, capsys):
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n"])
    q = spark.readStream.schema(SCHEMA).csv(src).where("id > 0").writeStream.format("noop").start()
    try:
        q.explain()
    finally:
        q.stop()
    assert "== Physical Plan ==" in capsys.readouterr().out


def test_with_watermark_is_a_no_op_on_a_batch_and_checks_its_column_on_a_stream(spark, tmp_path):
    df = spark.createDataFrame([("2024-01-01 12:00:00", 1)], ["t", "n"]).select(F.to_timestamp("t").alias("t"), "n")
    assert df.withWatermark("t", "1 minute").count() == 1
    with pytest.raises(AnalysisException):
        df.withWatermark("t", "soon")  # the delay is parsed at the call, as Spark does, even on a batch
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n"])
    with pytest.raises(AnalysisException, match="EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE"):
        spark.readStream.schema(SCHEMA).csv(src).withWatermark("id", "1 minute")


def test_complete_mode_aggregation_to_a_memory_table(spark, tmp_path):
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n2,b\n", "3,a\n", "4,a\n5,c\n"])
    counts = spark.readStream.schema(SCHEMA).option("maxFilesPerTrigger", 1).csv(src).groupBy("name").count()
    q = (counts.writeStream.outputMode("complete").format("memory").queryName("name_counts")
         .trigger(availableNow=True).start())
    q.awaitTermination(60)
    assert q.exception() is None
    rows = spark.table("name_counts").orderBy("name").collect()
    assert [(r.name, r["count"]) for r in rows] == [("a", 3), ("b", 1), ("c", 1)]
