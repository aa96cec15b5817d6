"""The driver JVM's heap: Spark's spark.driver.memory (default 1g), --driver-memory, EMBER_DRIVER_MEMORY, and a
-Xmx in EMBER_JAVA_OPTS winning over all of them; for the launcher's run and for the Python bridge."""

import os
import subprocess
import sys

import pytest

from conftest import REPO, child_env
from ember._bridge import direct_command, driver_memory
from ember.errors import BridgeException
from ember.submit import parse

LAUNCHER = os.path.join(REPO, "bin", "ember")


def test_driver_memory_reads_spark_sizes(monkeypatch):
    monkeypatch.delenv("EMBER_DRIVER_MEMORY", raising=False)
    assert driver_memory(None) == "1g"
    assert driver_memory("2g") == "2g"
    assert driver_memory("512M") == "512m"
    assert driver_memory("3gb") == "3g"
    assert driver_memory("1024") == "1024m"  # a bare number is MiB, as Spark reads spark.driver.memory
    monkeypatch.setenv("EMBER_DRIVER_MEMORY", "768m")
    assert driver_memory(None) == "768m"
    assert driver_memory("2g") == "2g"  # the configured value wins over the environment


@pytest.mark.parametrize("size", ["", "x1g", "10b", "1.5g", "2 g", "-1g"])
def test_driver_memory_refuses_what_is_not_a_size(monkeypatch, size):
    monkeypatch.delenv("EMBER_DRIVER_MEMORY", raising=False)
    if size == "":
        assert driver_memory(size) == "1g"  # empty means unset
        return
    with pytest.raises(BridgeException) as e:
        driver_memory(size)
    assert "512m or 2g" in str(e.value)


def test_direct_command_puts_the_heap_before_the_user_flags(monkeypatch, tmp_path):
    home = tmp_path / "home"
    lib = home / "dist" / "target" / "lib"
    lib.mkdir(parents=True)
    (home / "bin").mkdir()
    (home / "bin" / "jvm-flags").write_text("-Xshare:auto\n", encoding="utf-8")
    jar = lib / "a.jar"
    jar.write_bytes(b"x")
    (home / "dist" / "target" / "ember-cds.jsa").write_bytes(b"archive")
    st = os.stat(jar)
    (home / "dist" / "target" / "ember-cds.jsa.stamp").write_text("a.jar %d %d\n" % (st.st_size, int(st.st_mtime)),
                                                                   encoding="utf-8")
    monkeypatch.delenv("EMBER_CDS", raising=False)
    monkeypatch.delenv("EMBER_CDS_RECORD", raising=False)
    monkeypatch.setenv("EMBER_JAVA_OPTS", "-Xmx3g -Dk=v")
    command = direct_command(home, "2g")
    assert command is not None
    assert command.index("-Xmx2g") < command.index("-Xmx3g") < command.index("io.ember.bridge.BridgeServer")


def test_submit_driver_memory_option_wins_over_conf():
    _, _, confs, script, _ = parse(["--conf", "spark.driver.memory=4g", "--driver-memory", "2g", "s.py"])
    assert dict(confs)["spark.driver.memory"] == "2g" and script == "s.py"
    _, _, confs, _, _ = parse(["--driver-memory", "2g", "--conf", "spark.driver.memory=4g", "s.py"])
    assert dict(confs)["spark.driver.memory"] == "2g"
    _, _, confs, _, _ = parse(["--conf", "spark.driver.memory=4g", "s.py"])
    assert dict(confs)["spark.driver.memory"] == "4g"


def _max_heap(args, java_opts=""):
    """MaxHeapSize of a JVM that `bin/ember run <args> --class io.ember.api.Version` starts."""
    env = child_env()
    env.pop("EMBER_DRIVER_MEMORY", None)
    env["EMBER_JAVA_OPTS"] = (java_opts + " -XX:+PrintFlagsFinal").strip()
    result = subprocess.run([LAUNCHER, "run"] + args + ["--class", "io.ember.api.Version"], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if " MaxHeapSize " in x)
    return int(line.split("=")[1].split()[0])


def test_launcher_run_sizes_the_heap_as_spark_sizes_its_driver():
    mib = 1024 * 1024
    assert _max_heap([]) == 1024 * mib
    assert _max_heap(["--driver-memory", "300m"]) == 300 * mib
    assert _max_heap(["--conf", "spark.driver.memory=400m"]) == 400 * mib
    assert _max_heap(["--driver-memory", "300m"], java_opts="-Xmx200m") == 200 * mib  # the user's -Xmx wins


def test_launcher_refuses_a_bad_driver_memory():
    result = subprocess.run([LAUNCHER, "run", "--driver-memory", "lots", "--class", "io.ember.api.Version"],
                            capture_output=True, text=True, env=child_env(), timeout=60)
    assert result.returncode == 2 and "invalid driver memory 'lots'" in result.stderr


def _jvm_command_line(pid):
    with open("/proc/%d/cmdline" % pid, "rb") as f:
        return f.read().decode("utf-8", "replace").split("\0")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the JVM's command line from /proc")
def test_session_config_driver_memory_sizes_the_bridge_jvm():
    code = ("from ember.sql import SparkSession\n"
            "s = SparkSession.builder.master('local[1]').config('spark.driver.memory', '320m').getOrCreate()\n"
            "print('PID', s._bridge.process.pid, flush=True)\n"
            "print('N', s.range(5).count(), flush=True)\n"
            "import sys; sys.stdin.readline()\n"
            "s.stop()\n")
    env = child_env()
    env.pop("EMBER_DRIVER_MEMORY", None)
    env.pop("EMBER_JAVA_OPTS", None)
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    try:
        pid = int(child.stdout.readline().split()[1])
        assert child.stdout.readline().strip() == "N 5"
        heap = [a for a in _jvm_command_line(pid) if a.startswith("-Xmx")]
        assert heap == ["-Xmx320m"]
    finally:
        child.communicate(input="\n", timeout=120)
