"""Start-up: the launcher and the Python client start the same JVM (bin/jvm-flags), the class data sharing
archive's life cycle, and the interactive shell (bin/ember pyspark)."""

import os
import shutil
import subprocess
import textwrap

import pytest

from ember import _bridge
from ember.shell import _parse
from conftest import REPO, child_env

FAKE_JAVA = """#!/bin/sh
# Records its arguments; as the bridge would, writes the archive it is asked for and reports a port.
printf '%s\\n' "$@" > "$(dirname "$0")/../args.txt"
for a in "$@"; do
  case "$a" in
    -XX:ArchiveClassesAtExit=*) printf 'archive' > "${a#-XX:ArchiveClassesAtExit=}"; echo record >> "$(dirname "$0")/../runs.txt" ;;
    -XX:SharedArchiveFile=*) echo share >> "$(dirname "$0")/../runs.txt" ;;
  esac
done
echo EMBER_BRIDGE_PORT=1
"""


@pytest.fixture
def home(tmp_path):
    """An Ember home with the real launcher and flags file, two jars and a fake JDK that records its arguments."""
    (tmp_path / "bin").mkdir()
    shutil.copy(os.path.join(REPO, "bin", "ember"), tmp_path / "bin" / "ember")
    shutil.copy(os.path.join(REPO, "bin", "jvm-flags"), tmp_path / "bin" / "jvm-flags")
    lib = tmp_path / "dist" / "target" / "lib"
    lib.mkdir(parents=True)
    (lib / "ember-api-0.1.0.jar").write_bytes(b"api")
    (lib / "other-1.0.jar").write_bytes(b"other jar")
    jdk = tmp_path / "jdk" / "bin"
    jdk.mkdir(parents=True)
    (jdk / "java").write_text(FAKE_JAVA)
    (jdk / "java").chmod(0o755)
    return tmp_path


def launcher_env(home, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("EMBER_JAVA_OPTS", "EMBER_CDS")}
    env.update(JAVA_HOME=str(home / "jdk"), EMBER_HOME=str(home), **extra)
    return env


def run_launcher(home, *args, **extra):
    return subprocess.run([str(home / "bin" / "ember"), *args], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, env=launcher_env(home, **extra), timeout=60)


def recorded_args(home):
    return (home / "jdk" / "args.txt").read_text().splitlines()


def runs(home):
    """'record' or 'share' for each JVM started with an archive flag, in order."""
    path = home / "jdk" / "runs.txt"
    return path.read_text().split() if path.exists() else []


def test_jvm_flags_skip_comments_and_blank_lines(tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "jvm-flags").write_text("# a comment\n\n  -Da=b  \n--add-opens=x/y=ALL-UNNAMED\n#-Dno\n")
    assert _bridge.jvm_flags(tmp_path) == ["-Da=b", "--add-opens=x/y=ALL-UNNAMED"]


def test_first_bridge_records_the_archive_and_python_then_starts_java_itself(home, monkeypatch):
    monkeypatch.setenv("JAVA_HOME", str(home / "jdk"))
    monkeypatch.delenv("EMBER_JAVA_OPTS", raising=False)
    monkeypatch.delenv("EMBER_CDS", raising=False)
    assert _bridge.direct_command(home) is None  # no archive yet: the launcher must run

    # The training session's bridge records the archive (its queries fail on this fake JVM: no matter),
    # then the bridge asked for starts with it; only the bridge's port line reaches stdout.
    first = run_launcher(home, "bridge")
    assert first.returncode == 0, first.stderr
    assert first.stdout == "EMBER_BRIDGE_PORT=1\n"
    assert runs(home) == ["record", "share"]
    archive = home / "dist" / "target" / "ember-cds.jsa"
    assert archive.read_text() == "archive"
    assert sorted(os.listdir(archive.parent)) == ["ember-cds.jsa", "ember-cds.jsa.stamp", "lib"]

    second = run_launcher(home, "bridge")
    assert runs(home) == ["record", "share", "share"]
    assert second.returncode == 0, second.stderr
    launcher_args = recorded_args(home)
    assert "-XX:SharedArchiveFile=%s" % archive in launcher_args

    direct = _bridge.direct_command(home)
    assert direct is not None
    assert direct[0] == str(home / "jdk" / "bin" / "java")
    assert direct[1:] == launcher_args  # the same JVM as the launcher starts, flag for flag


def test_a_changed_jar_makes_the_archive_stale_until_the_launcher_records_it_again(home, monkeypatch):
    monkeypatch.setenv("JAVA_HOME", str(home / "jdk"))
    assert run_launcher(home, "bridge").returncode == 0
    assert _bridge.direct_command(home) is not None
    (home / "dist" / "target" / "lib" / "other-1.0.jar").write_bytes(b"a rebuilt jar")
    assert _bridge.direct_command(home) is None
    assert run_launcher(home, "version").returncode == 0
    assert not any(a.startswith("-XX:SharedArchiveFile") for a in recorded_args(home))  # stale: not used
    assert runs(home) == ["record", "share"]
    assert run_launcher(home, "bridge").returncode == 0
    assert runs(home) == ["record", "share", "record", "share"]
    assert _bridge.direct_command(home) is not None


def test_cds_off_disables_the_archive(home, monkeypatch):
    monkeypatch.setenv("JAVA_HOME", str(home / "jdk"))
    assert run_launcher(home, "bridge").returncode == 0
    monkeypatch.setenv("EMBER_CDS", "off")
    assert _bridge.direct_command(home) is None
    assert run_launcher(home, "version", EMBER_CDS="off").returncode == 0
    assert run_launcher(home, "bridge", EMBER_CDS="off").returncode == 0
    assert runs(home) == ["record", "share"]  # the first bridge's; none since


def test_java_opts_follow_the_flags_in_both_starts(home, monkeypatch):
    monkeypatch.setenv("JAVA_HOME", str(home / "jdk"))
    assert run_launcher(home, "bridge").returncode == 0
    assert run_launcher(home, "bridge", EMBER_JAVA_OPTS="-Xmx3g -Dx=1").returncode == 0
    monkeypatch.setenv("EMBER_JAVA_OPTS", "-Xmx3g -Dx=1")
    direct = _bridge.direct_command(home)
    assert direct[1:] == recorded_args(home)
    assert direct.index("-Xmx3g") > direct.index("-Xshare:auto")


def test_shell_arguments_parse_as_pyspark_shell_options():
    assert _parse([]) == (None, "PySparkShell", [])
    assert _parse(["--master", "local[2]", "--name=n", "--conf", "a.b=c=d"]) == ("local[2]", "n", [("a.b", "c=d")])
    with pytest.raises(SystemExit, match="unknown argument --jars"):
        _parse(["--jars", "x.jar"])
    with pytest.raises(SystemExit, match="--master needs a value"):
        _parse(["--master"])


def shell(*args, stdin):
    return subprocess.run([os.path.join(REPO, "bin", "ember"), "pyspark", *args], input=textwrap.dedent(stdin),
                          capture_output=True, text=True, env=child_env(), timeout=180)


def test_pyspark_shell_defines_spark_and_sc_and_runs_statements():
    result = shell("--master", "local[2]", stdin="""
        print(spark.range(3).count())
        print(sc.master, sc.appName, sc.defaultParallelism)
        from pyspark.sql import functions as F
        print(spark.createDataFrame([("a", 1), ("b", 2)], ["k", "v"]).agg(F.sum("v")).collect())
    """)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Welcome to Ember ")
    assert "Spark context available as 'sc' (master = local[2], app name = PySparkShell)." in lines
    assert "SparkSession available as 'spark'." in lines
    banner_end = lines.index("SparkSession available as 'spark'.")
    assert lines[banner_end + 1:] == ["3", "local[2] PySparkShell 2", "[Row(sum(v)=3)]"]


def test_pyspark_shell_with_a_bad_master_says_why_and_exits_without_a_prompt():
    result = shell("--master", "yarn", stdin="print('reached the prompt')\n")
    assert result.returncode == 1
    assert "reached the prompt" not in result.stdout
    assert "ember pyspark: cannot start the session: IllegalArgumentException: [INVALID_MASTER]" in result.stderr
