"""``bin/ember pyspark [--master local[N]] [--name NAME] [--conf key=value]...``: an interactive Python shell on
Ember, as PySpark's ``pyspark`` shell.

The launcher runs ``python3 -i -m ember.shell ...``: this module installs the ``pyspark`` aliases, starts the
session, binds ``spark`` (the SparkSession) and ``sc`` (its SparkContext) and prints a banner; Python's own
interactive prompt then reads the user's statements. The session stops when the shell exits.
"""

from __future__ import annotations

import os
import platform
import sys
from typing import List, Optional, Tuple

_USAGE = "usage: bin/ember pyspark [--master local[N]] [--name NAME] [--conf key=value]..."


def _parse(argv: List[str]) -> Tuple[Optional[str], str, List[Tuple[str, str]]]:
    """(master, app name, confs) of the shell's arguments; SystemExit with the usage for anything else."""
    master: Optional[str] = None
    name = "PySparkShell"
    confs: List[Tuple[str, str]] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help"):
            print(_USAGE)
            raise SystemExit(0)
        key, eq, inline = arg.partition("=")
        if key not in ("--master", "--name", "--conf"):
            raise SystemExit("ember pyspark: unknown argument %s\n%s" % (arg, _USAGE))
        if eq:
            value, i = inline, i + 1
        elif i + 1 < len(argv):
            value, i = argv[i + 1], i + 2
        else:
            raise SystemExit("ember pyspark: %s needs a value\n%s" % (arg, _USAGE))
        if key == "--master":
            master = value
        elif key == "--name":
            name = value
        else:
            if "=" not in value:
                raise SystemExit("ember pyspark: --conf needs key=value, got %r" % value)
            confs.append(tuple(value.split("=", 1)))  # type: ignore[arg-type]
    return master, name, confs


def _banner(spark, sc) -> str:
    """PySpark's shell banner, with Ember's name and version."""
    return "\n".join([
        "Welcome to Ember %s, a PySpark-compatible engine" % spark.version,
        "",
        "Using Python version %s (%s)" % (platform.python_version(), " ".join(platform.python_build())),
        "Spark context available as 'sc' (master = %s, app name = %s)." % (sc.master, sc.appName),
        "SparkSession available as 'spark'.",
    ])


def start(argv: List[str]):
    """Installs the aliases and starts the session; returns (spark, sc)."""
    master, name, confs = _parse(argv)
    import ember.compat  # noqa: F401  (pyspark aliases, unless a real PySpark is importable)
    from ember.sql import SparkSession
    builder = SparkSession.builder.appName(name)
    if master:
        builder = builder.master(master)
    for k, v in confs:
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    return spark, spark.sparkContext


def _exit_now(status: int) -> None:
    """Exit before the interactive prompt: under ``python -i`` a SystemExit would enter the prompt instead."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    try:
        spark, sc = start(sys.argv[1:])
    except SystemExit as e:
        if isinstance(e.code, str):
            print(e.code, file=sys.stderr)
        _exit_now(e.code if isinstance(e.code, int) else (0 if e.code is None else 2))
    except Exception as e:  # the session could not start: say why, no prompt without `spark`
        print("ember pyspark: cannot start the session: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        _exit_now(1)
    print(_banner(spark, sc), flush=True)
