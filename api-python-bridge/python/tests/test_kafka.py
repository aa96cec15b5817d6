"""The kafka format from Python: the same format strings and options as PySpark, against the dev broker that
``bin/ember kafka start`` runs (built with the distribution; the test is skipped when its jars are missing)."""

import os
import shutil
import socket
import subprocess

import pytest

from conftest import REPO

BROKER = os.path.join(REPO, "bin", "kafka-dev-broker")
BROKER_LIB = os.path.join(REPO, "kafka-dev-broker", "target", "lib")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def kafka(tmp_path_factory):
    """``host:port`` of a broker started for this module, stopped after it."""
    if not os.path.isdir(BROKER_LIB) or shutil.which("java") is None:
        pytest.skip("the dev broker's jars are not built (mvn package builds kafka-dev-broker/target/lib)")
    data = str(tmp_path_factory.mktemp("kafka"))
    started = subprocess.run([BROKER, "start", "--port", str(_free_port()), "--dir", data],
                             capture_output=True, text=True, timeout=300)
    assert started.returncode == 0, started.stderr
    servers = started.stdout.strip().split("=", 1)[1]
    yield servers
    subprocess.run([BROKER, "stop", "--dir", data], capture_output=True, text=True, timeout=120)


def test_write_then_stream_then_batch_read(spark, kafka, tmp_path):
    topic = "py-events"
    rows = [("k%d" % i, "value %d" % i) for i in range(25)]
    spark.createDataFrame(rows, "key STRING, value STRING").write.format("kafka") \
        .option("kafka.bootstrap.servers", kafka).option("topic", topic).save()

    stream = spark.readStream.format("kafka").option("kafka.bootstrap.servers", kafka) \
        .option("subscribe", topic).option("startingOffsets", "earliest").load()
    assert [f.name for f in stream.schema.fields] == \
        ["key", "value", "topic", "partition", "offset", "timestamp", "timestampType"]
    q = stream.selectExpr("CAST(key AS STRING) AS k", "CAST(value AS STRING) AS v") \
        .writeStream.format("memory").queryName("py_kafka") \
        .option("checkpointLocation", str(tmp_path / "ckpt")).start()
    try:
        q.processAllAvailable()
        got = sorted((r.k, r.v) for r in spark.table("py_kafka").collect())
    finally:
        q.stop()
    assert got == sorted(rows)

    batch = spark.read.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", topic) \
        .option("endingOffsets", '{"%s":{"0":10}}' % topic).load() \
        .selectExpr("CAST(value AS STRING) AS v", "`offset`").collect()
    assert sorted(r.v for r in batch) == sorted("value %d" % i for i in range(10))


def test_missing_bootstrap_servers_is_an_error(spark):
    with pytest.raises(Exception, match="kafka.bootstrap.servers"):
        spark.readStream.format("kafka").option("subscribe", "t").load()
