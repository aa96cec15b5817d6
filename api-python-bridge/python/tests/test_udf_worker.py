"""The UDF worker process (python -m ember.worker) spoken to directly with the frames of PROTOCOL.md."""

import base64
import json
import os
import signal
import struct
import subprocess
import sys
import textwrap
import time

import cloudpickle

from conftest import child_env
from ember._batch import decode_batch, encode_batch
from ember.sql.types import IntegerType, LongType, StringType, StructField, StructType

INTS = StructType([StructField("_0", IntegerType())])


class Worker:
    def __init__(self):
        self.p = subprocess.Popen([sys.executable, "-m", "ember.worker"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())

    def send(self, tag, payload):
        self.p.stdin.write(struct.pack(">I", len(payload) + 1) + tag + payload)
        self.p.stdin.flush()

    def read(self):
        (n,) = struct.unpack(">I", self.p.stdout.read(4))
        body = self.p.stdout.read(n)
        return body[:1], body[1:]

    def eval(self, fid, f, rows, return_type, eval_type="row", arg_type=IntegerType()):
        req = {"op": "eval", "function": fid, "name": "f", "evalType": eval_type,
               "returnType": return_type.jsonValue(), "argTypes": [arg_type.jsonValue()]}
        if f is not None:
            req["pickled"] = base64.b64encode(cloudpickle.dumps(f)).decode()
        self.send(b"J", json.dumps(req).encode())
        self.send(b"B", encode_batch([(v,) for v in rows], StructType([StructField("_0", arg_type)])))
        tag, header = self.read()
        assert tag == b"J"
        answer = json.loads(header)
        if not answer["ok"]:
            return answer["error"]
        tag, payload = self.read()
        assert tag == b"B"
        return decode_batch(payload, StructType([StructField("r", return_type)]))[0]


def test_worker_says_hello_caches_functions_reports_errors_and_exits_at_eof():
    w = Worker()
    tag, hello = w.read()
    assert tag == b"J" and json.loads(hello) == {"protocol": 1, "pid": w.p.pid}
    assert w.eval(1, lambda v: None if v is None else v * 10, [1, None, 3], LongType()) == [10, None, 30]
    assert w.eval(1, None, [4], LongType()) == [40]  # cached: no pickled bytes the second time
    err = w.eval(2, lambda v: {}[v], [5], LongType())
    assert err["type"] == "KeyError" and err["message"] == "5" and err["errorClass"] == "PYTHON_UDF_FAILED"
    assert err["traceback"].startswith("Traceback (most recent call last):\n") and "ember/worker.py" not in err["traceback"]
    wrong = w.eval(3, lambda v: [v], [5], StringType())
    assert wrong["errorClass"] == "UDF_RETURN_TYPE" and "returned [5] of type list" in wrong["message"]
    assert w.eval(4, lambda a: a.astype("int64") + 1, [1, 2], LongType(), "vector") == [2, 3]
    assert w.eval(1, None, [], LongType()) == []
    w.p.stdin.close()
    assert w.p.wait(timeout=30) == 0
    assert w.p.stdout.read() == b""


def test_udf_prints_go_to_stderr_not_into_the_frames():
    w = Worker()
    w.read()
    assert w.eval(1, lambda v: print("hello from", v) or v, [7], IntegerType()) == [7]
    w.p.stdin.close()
    assert w.p.wait(timeout=30) == 0
    assert b"hello from 7" in w.p.stderr.read()


def _alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def test_workers_end_when_the_driver_is_killed(tmp_path):
    script = textwrap.dedent("""
        import os, signal, sys
        from ember.sql import SparkSession
        from ember.sql.functions import udf
        spark = SparkSession.builder.master("local[2]").getOrCreate()
        pids = spark.range(0, 4, 1, 2).select(udf(lambda v: os.getpid(), "int")("id")).collect()
        print(" ".join(sorted({str(r[0]) for r in pids})), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=child_env(),
                            timeout=180)
    assert result.returncode == -signal.SIGKILL, result.stderr
    pids = [int(p) for p in result.stdout.split()]
    assert 1 <= len(pids) <= 2
    deadline = time.time() + 60
    while any(_alive(p) for p in pids) and time.time() < deadline:
        time.sleep(0.2)
    assert not any(_alive(p) for p in pids), pids
