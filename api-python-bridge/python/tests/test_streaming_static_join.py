"""A stream-static join reads its static files again for later epochs when they changed (Spark plans the batch
side anew for every micro-batch)."""

import os


def _move_in(directory, name, text, staging):
    """Writes a file elsewhere and moves it into ``directory`` whole, as a file stream expects."""
    os.makedirs(staging, exist_ok=True)
    tmp = os.path.join(staging, name)
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, os.path.join(directory, name))


def test_a_stream_static_join_sees_the_static_files_as_they_are_at_each_epoch(spark, tmp_path):
    dim = tmp_path / "dim"
    dim.mkdir()
    (dim / "part-0.csv").write_text("a,1\nb,2\n")
    words = tmp_path / "words"
    words.mkdir()
    staging = str(tmp_path / "staging")
    _move_in(str(words), "w0.csv", "a\nc\n", staging)
    rows = []

    def record(batch_df, batch_id):
        rows.extend(tuple(r) for r in batch_df.collect())

    static = spark.read.schema("word STRING, id INT").csv(str(dim))
    stream = spark.readStream.schema("word STRING").csv(str(words))
    q = stream.join(static, "word", "left_outer").writeStream.foreachBatch(record).start()
    try:
        q.processAllAvailable()
        assert sorted(rows, key=str) == [("a", 1), ("c", None)]
        del rows[:]
        (dim / "part-0.csv").write_text("a,10\nb,20\n")
        (dim / "part-1.csv").write_text("c,30\n")
        _move_in(str(words), "w1.csv", "a\nc\n", staging)
        q.processAllAvailable()
        assert sorted(rows, key=str) == [("a", 10), ("c", 30)]
    finally:
        q.stop()
    assert q.exception() is None
