"""The bridge process: start-up errors, token, no orphans on kill -9, and a JVM that dies mid-query."""

import json
import os
import signal
import socket
import stat
import struct
import subprocess
import sys
import threading
import time

import pytest

import ember.sql.functions as F
from ember.errors import BridgeException, IllegalArgumentException
from ember.sql import SparkSession
from conftest import REPO, child_env


def jvm_gone(pid, within=30.0):
    """Poll until the process is gone (or a zombie waiting to be reaped); False if it still runs at the end."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            with open("/proc/%d/stat" % pid) as f:
                if f.read().split(")")[-1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.1)
    return False


def test_a_malformed_cluster_master_names_the_expected_form():
    for url in ("ember://host-without-port", "ember://:7355", "ember://h:port"):
        with pytest.raises(IllegalArgumentException, match="INVALID_MASTER_URL.*ember://host:port"):
            SparkSession.builder.master(url).getOrCreate()


def test_unknown_master_is_a_clear_error():
    with pytest.raises(IllegalArgumentException, match="Unknown master 'yarn'"):
        SparkSession.builder.master("yarn").getOrCreate()


def test_a_jvm_that_never_reports_its_port_gives_its_stderr(tmp_path, monkeypatch):
    launcher = tmp_path / "bin" / "ember"
    launcher.parent.mkdir()
    launcher.write_text("#!/bin/sh\necho 'Error: could not find or load main class' >&2\nexit 3\n")
    launcher.chmod(launcher.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EMBER_HOME", str(tmp_path))
    with pytest.raises(BridgeException) as info:
        SparkSession.builder.master("local[1]").getOrCreate()
    message = str(info.value)
    assert "exited with code 3 before reporting its port" in message
    assert "could not find or load main class" in message


def test_the_bridge_refuses_a_wrong_token_and_exits_on_stdin_eof():
    env = dict(os.environ, EMBER_BRIDGE_TOKEN="a" * 32, EMBER_MASTER="local[1]", EMBER_APP_NAME="token-test")
    jvm = subprocess.Popen([os.path.join(REPO, "bin", "ember"), "bridge"], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    try:
        line = jvm.stdout.readline().decode().strip()
        assert line.startswith("EMBER_BRIDGE_PORT=")
        port = int(line.split("=", 1)[1])

        def handshake(token):
            with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                body = b"J" + json.dumps({"protocol": 1, "token": token}).encode()
                s.sendall(struct.pack(">I", len(body)) + body)
                (n,) = struct.unpack(">I", s.recv(4, socket.MSG_WAITALL))
                return json.loads(s.recv(n, socket.MSG_WAITALL)[1:])

        refused = handshake("b" * 32)
        assert refused["ok"] is False
        assert "token" in json.dumps(refused["error"]).lower()
        assert handshake("a" * 32)["ok"] is True
        jvm.stdin.close()
        assert jvm.wait(timeout=30) is not None
    finally:
        if jvm.poll() is None:
            jvm.kill()
            jvm.wait()


def test_kill_9_of_python_leaves_no_jvm():
    script = ("from ember.sql import SparkSession\n"
              "spark = SparkSession.builder.master('local[1]').getOrCreate()\n"
              "print(spark._bridge.process.pid, flush=True)\n"
              "import time\n"
              "time.sleep(600)\n")
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env=child_env())
    try:
        jvm_pid = int(child.stdout.readline().decode().strip())
        assert not jvm_gone(jvm_pid, within=0.5)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        assert jvm_gone(jvm_pid), "the JVM bridge outlived its killed Python process"
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_a_jvm_killed_mid_query_gives_a_clear_error_not_a_hang():
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    try:
        pid = spark._bridge.process.pid
        killer = threading.Timer(1.0, os.kill, (pid, signal.SIGKILL))
        killer.start()
        try:
            with pytest.raises(BridgeException) as info:
                spark.range(0, 3_000_000_000).agg(F.sum(F.col("id") % 7)).collect()
        finally:
            killer.cancel()
        message = str(info.value)
        assert "The Ember JVM" in message and "no longer usable" in message
        assert info.value.getErrorClass() == "BRIDGE_DIED"
        with pytest.raises(BridgeException, match="stopped"):
            spark.range(1).count()
    finally:
        spark.stop()
    fresh = SparkSession.builder.master("local[1]").getOrCreate()
    try:
        assert fresh is not spark and fresh.range(3).count() == 3
    finally:
        fresh.stop()


def test_stop_ends_the_jvm_and_the_context_manager_stops():
    with SparkSession.builder.master("local[1]").getOrCreate() as spark:
        process = spark._bridge.process
        assert spark.range(2).count() == 2
    assert process.wait(timeout=30) == 0
    assert SparkSession.getActiveSession() is None


def test_an_interrupted_request_stops_the_session_with_a_reason():
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    try:
        process = spark._bridge.process
        timer = threading.Timer(1.0, lambda: signal.pthread_kill(threading.main_thread().ident, signal.SIGINT))
        timer.start()
        try:
            with pytest.raises(KeyboardInterrupt):
                spark.range(0, 3_000_000_000).agg(F.sum(F.col("id") % 7)).collect()
        finally:
            timer.cancel()
        assert process.wait(timeout=30) is not None
        with pytest.raises(BridgeException, match="after KeyboardInterrupt interrupted a request"):
            spark.range(1).count()
    finally:
        spark.stop()


def _bridge_over(process, exit_wait):
    """A Bridge whose JVM is ``process`` (a stand-in that exits at the end of its stdin), with no connections."""
    from ember import _bridge
    bridge = _bridge.Bridge.__new__(_bridge.Bridge)
    bridge.process = process
    bridge._exit_wait = exit_wait
    bridge._closed = True
    bridge._lock = threading.RLock()
    bridge._pool_lock = threading.Lock()
    bridge._all = []
    bridge._idle = []
    return bridge


def test_closing_at_exit_does_not_wait_for_a_directly_started_jvm_but_ends_its_stdin():
    from ember import _bridge
    # The stand-in ignores the end of its stdin for a while, as a JVM still stopping its session does.
    slow = subprocess.Popen([sys.executable, "-c", "import sys, time; sys.stdin.read(); time.sleep(600)"],
                            stdin=subprocess.PIPE)
    try:
        _bridge_over(slow, _bridge._EXIT_WAIT_DIRECT).close(wait=False)
        assert slow.stdin.closed
        assert slow.poll() is None, "close(wait=False) waited for the process or killed it"
    finally:
        slow.kill()
        slow.wait()
    # Through the launcher (which may be recording the start-up archive) and on an ordinary close, it waits.
    for exit_wait, wait in ((_bridge._EXIT_WAIT_LAUNCHER, False), (_bridge._EXIT_WAIT_DIRECT, True)):
        quick = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
        _bridge_over(quick, exit_wait).close(wait=wait)
        assert quick.returncode == 0


def test_a_script_that_never_stops_its_session_exits_and_its_jvm_with_it():
    script = ("from ember.sql import SparkSession\n"
              "spark = SparkSession.builder.master('local[1]').getOrCreate()\n"
              "print(spark._bridge.process.pid, flush=True)\n"
              "print(spark.range(10).count(), flush=True)\n")
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env=child_env())
    try:
        jvm_pid = int(child.stdout.readline().decode().strip())
        assert child.stdout.readline().decode().strip() == "10"
        assert child.wait(timeout=120) == 0
        assert jvm_gone(jvm_pid, within=60), "the JVM bridge outlived its Python process"
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
