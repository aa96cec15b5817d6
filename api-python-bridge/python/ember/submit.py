"""``bin/ember submit [--master local[N]|ember://host:port] [--conf k=v]... script.py [args...]``: run a PySpark-style
script on Ember, locally or on an Ember cluster.

The launcher runs ``python3 -m ember.submit ...`` with PYTHONPATH and EMBER_HOME set. The script runs as
``__main__`` with the ``pyspark`` aliases installed; the process exits with the script's status.
"""

from __future__ import annotations

import os
import runpy
import sys
import traceback
from typing import List, Optional, Tuple

USAGE = ("usage: bin/ember submit [--master local[N]|ember://host:port] [--name NAME] [--driver-memory SIZE] "
         "[--conf key=value]... script.py [args...]")


def parse(argv: List[str]) -> Tuple[Optional[str], Optional[str], List[Tuple[str, str]], str, List[str]]:
    """(master, app name, confs, script, script args) of the submit arguments."""
    master = name = None
    confs: List[Tuple[str, str]] = []
    memory_option = False  # --driver-memory wins over --conf spark.driver.memory, as in spark-submit
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--master", "--name", "--conf", "--driver-memory"):
            if i + 1 >= len(argv):
                raise SystemExit("ember submit: %s needs a value\n%s" % (arg, USAGE))
            value = argv[i + 1]
            if arg == "--master":
                master = value
            elif arg == "--name":
                name = value
            elif arg == "--driver-memory":  # spark-submit's option: spark.driver.memory, the JVM's heap (default 1g)
                confs = [kv for kv in confs if kv[0] != "spark.driver.memory"] + [("spark.driver.memory", value)]
                memory_option = True
            else:
                if "=" not in value:
                    raise SystemExit("ember submit: --conf needs key=value, got %r" % value)
                k, v = value.split("=", 1)
                if not (k == "spark.driver.memory" and memory_option):
                    confs.append((k, v))
            i += 2
        elif arg.startswith("--master="):
            master = arg.split("=", 1)[1]
            i += 1
        elif arg in ("-h", "--help"):
            print(USAGE)
            raise SystemExit(0)
        elif arg.startswith("-"):
            raise SystemExit("ember submit: unknown option %s\n%s" % (arg, USAGE))
        else:
            return master, name, confs, arg, argv[i + 1:]
    raise SystemExit("ember submit: no script given\n" + USAGE)


def main(argv: Optional[List[str]] = None) -> int:
    """Run the script; returns its exit status."""
    master, name, confs, script, args = parse(list(sys.argv[1:] if argv is None else argv))
    if not os.path.isfile(script):
        print("ember submit: script not found: %s" % script, file=sys.stderr)
        return 2
    import ember.compat  # noqa: F401  (installs the pyspark aliases unless a real PySpark is importable)
    from ember.sql.session import SparkSession
    if master:
        os.environ["EMBER_DEFAULT_MASTER"] = master
    SparkSession._submit_defaults = dict(confs)
    if name:
        SparkSession._submit_defaults["spark.app.name"] = name
    sys.argv = [script] + args
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    status = 0
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if e.code is not None and not isinstance(e.code, int):
            print(e.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
        status = 1
    finally:
        active = SparkSession.getActiveSession()
        if active is not None:
            # The process exits next: stop the JVM without waiting for it to finish stopping (see Bridge.close).
            active._bridge.close(wait=False)
    return status


if __name__ == "__main__":
    sys.exit(main())
