"""StreamingQueryListener events delivered from the JVM to Python listeners, and the pyspark.sql.streaming names."""

import os
import threading
import time
import uuid

from conftest import child_env
from test_compat_submit import run_python

from ember.sql.streaming import StreamingQueryListener
from ember.sql.streaming.listener import QueryProgressEvent, QueryStartedEvent, QueryTerminatedEvent


class Recorder(StreamingQueryListener):
    """Records every event; ``done`` is set by onQueryTerminated."""

    def __init__(self, spark=None):
        self.events = []
        self.done = threading.Event()
        self.spark = spark
        self.tables = []

    def onQueryStarted(self, event):
        self.events.append(("started", event))

    def onQueryProgress(self, event):
        self.events.append(("progress", event))
        if self.spark is not None:
            self.tables.append(self.spark.range(5).count())  # a listener may use the session

    def onQueryTerminated(self, event):
        self.events.append(("terminated", event))
        self.done.set()


def write_files(directory, texts):
    os.makedirs(directory, exist_ok=True)
    base = time.time() - 600
    for i, text in enumerate(texts):
        path = os.path.join(directory, "%d.csv" % i)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        os.utime(path, (base + i, base + i))


def test_listener_hears_started_progress_and_terminated_in_order(spark, tmp_path):
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n", "2,b\n"])
    listener = Recorder(spark)
    spark.streams.addListener(listener)
    spark.streams.addListener(listener)  # a second registration changes nothing
    try:
        q = (spark.readStream.schema("id INT, name STRING").option("maxFilesPerTrigger", 1).csv(src)
             .writeStream.format("noop").queryName("heard").trigger(availableNow=True).start())
        # onQueryStarted has run when start() returns, as in PySpark.
        assert listener.events and listener.events[0][0] == "started"
        q.awaitTermination(60)
        assert listener.done.wait(60)
    finally:
        spark.streams.removeListener(listener)
    kinds = [k for k, _ in listener.events]
    assert kinds[0] == "started" and kinds[-1] == "terminated"
    assert set(kinds[1:-1]) == {"progress"}
    started = listener.events[0][1]
    assert isinstance(started, QueryStartedEvent)
    assert started.id == uuid.UUID(q.id) and started.runId == uuid.UUID(q.runId) and started.name == "heard"
    progress = [e for k, e in listener.events if k == "progress"]
    assert all(isinstance(e, QueryProgressEvent) for e in progress)
    assert [e.progress.batchId for e in progress] == list(range(len(progress)))
    assert sum(e.progress.numInputRows for e in progress) == 2
    assert progress[0].progress.id == uuid.UUID(q.id)
    ended = listener.events[-1][1]
    assert isinstance(ended, QueryTerminatedEvent)
    assert ended.exception is None and ended.errorClassOnException is None
    assert listener.tables == [5] * len(progress)


def test_removed_listener_hears_nothing_and_failures_reach_the_terminated_event(spark, tmp_path):
    src = str(tmp_path / "in")
    write_files(src, ["1,a\n"])
    gone, failing = Recorder(), Recorder()
    spark.streams.addListener(gone)
    spark.streams.removeListener(gone)
    spark.streams.addListener(failing)
    try:
        def boom(df, batch_id):
            if df.count():
                raise RuntimeError("no thanks")
        q = spark.readStream.schema("id INT, name STRING").csv(src).writeStream.foreachBatch(boom).start()
        assert failing.done.wait(60)
    finally:
        spark.streams.removeListener(failing)
    assert gone.events == []
    ended = failing.events[-1][1]
    assert "RuntimeError: no thanks" in ended.exception
    assert ended.errorClassOnException is not None
    assert q.exception() is not None


def test_a_listener_that_raises_does_not_stop_the_query(spark, tmp_path):
    class Broken(Recorder):
        def onQueryProgress(self, event):
            raise ValueError("listener bug")

    src = str(tmp_path / "in")
    write_files(src, ["1,a\n", "2,b\n"])
    broken = Broken()
    spark.streams.addListener(broken)
    try:
        q = (spark.readStream.schema("id INT, name STRING").option("maxFilesPerTrigger", 1).csv(src)
             .writeStream.format("memory").queryName("despite").trigger(availableNow=True).start())
        q.awaitTermination(60)
        assert broken.done.wait(60)
    finally:
        spark.streams.removeListener(broken)
    assert q.exception() is None
    assert sorted(r.id for r in spark.table("despite").collect()) == [1, 2]


def test_pyspark_streaming_names_resolve_through_compat():
    result = run_python("""
        import ember.compat
        from pyspark.sql.streaming import (DataStreamReader, DataStreamWriter, StreamingQuery,
                                           StreamingQueryManager, StreamingQueryListener)
        from pyspark.sql.streaming.listener import QueryStartedEvent, QueryProgressEvent, QueryTerminatedEvent
        from pyspark.errors import StreamingQueryException
        from pyspark.sql.utils import StreamingQueryException as Old
        import pyspark.sql.functions as F
        import ember.sql.streaming, ember.errors
        assert StreamingQueryListener is ember.sql.streaming.StreamingQueryListener
        assert StreamingQueryException is Old is ember.errors.StreamingQueryException
        assert callable(F.window) and callable(F.session_window) and callable(F.window_time)
        print("ok")
    """, env=child_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_submit_runs_a_pyspark_structured_streaming_script_unchanged(tmp_path):
    import subprocess
    import textwrap
    from conftest import REPO
    src = tmp_path / "events"
    src.mkdir()
    (src / "a.json").write_text('{"ts": "2024-01-01T12:01:00", "user": "u1"}\n'
                                '{"ts": "2024-01-01T12:02:00", "user": "u2"}\n')
    script = tmp_path / "job.py"
    script.write_text(textwrap.dedent("""
        import sys
        from pyspark.sql import SparkSession
        from pyspark.sql import functions as F
        from pyspark.sql.types import StructType, StructField, StringType, TimestampType
        from pyspark.sql.streaming import StreamingQueryListener
        from pyspark.errors import StreamingQueryException

        class Progress(StreamingQueryListener):
            def onQueryStarted(self, event):
                print("started", event.name)
            def onQueryProgress(self, event):
                pass
            def onQueryTerminated(self, event):
                print("terminated", event.exception)

        spark = SparkSession.builder.appName("ingest").getOrCreate()
        spark.streams.addListener(Progress())
        schema = StructType([StructField("ts", TimestampType()), StructField("user", StringType())])
        events = spark.readStream.schema(schema).json(sys.argv[1])
        counts = (events.withWatermark("ts", "1 minute")
                  .groupBy(F.window("ts", "5 minutes")).agg(F.count("*").alias("n")))
        totals = []
        query = (counts.writeStream.outputMode("update").queryName("ingest")
                 .foreachBatch(lambda df, epoch: totals.extend(r.n for r in df.collect()))
                 .trigger(availableNow=True).start())
        query.awaitTermination()
        print("counts", totals, query.isActive)
        spark.stop()
    """))
    result = subprocess.run([os.path.join(REPO, "bin", "ember"), "submit", "--master", "local[2]", str(script),
                             str(src)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "started ingest"
    assert "counts [2] False" in lines
