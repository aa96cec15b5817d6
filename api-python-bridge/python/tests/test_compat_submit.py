"""PySpark compatibility aliases and bin/ember submit."""

import os
import subprocess
import sys
import textwrap

from conftest import REPO, child_env


def run_python(code, env=None):
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env=env or child_env(), timeout=120)


def test_compat_aliases_pyspark_modules_to_ember():
    result = run_python("""
        import ember.compat
        import pyspark
        from pyspark.sql import SparkSession, Row
        import pyspark.sql.functions as F
        from pyspark.sql.types import StructType
        from pyspark.errors import AnalysisException
        from pyspark.sql.utils import AnalysisException as OldAnalysisException
        import ember.sql, ember.errors
        assert ember.compat.installed
        assert SparkSession is ember.sql.SparkSession
        assert F.col.__module__ == "ember.sql.functions"
        assert AnalysisException is OldAnalysisException is ember.errors.AnalysisException
        assert pyspark.sql.types.StructType is StructType
        print("ok")
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_compat_never_shadows_a_real_pyspark(tmp_path):
    fake = tmp_path / "pyspark"
    fake.mkdir()
    (fake / "__init__.py").write_text("REAL = True\n")
    env = child_env()
    env["PYTHONPATH"] = str(tmp_path) + os.pathsep + env["PYTHONPATH"]
    result = run_python("""
        import ember.compat
        import pyspark
        assert not ember.compat.installed
        assert pyspark.REAL
        print("real")
    """, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "real"


def test_without_compat_pyspark_is_not_importable():
    result = run_python("import ember.sql\nimport pyspark\n")
    assert result.returncode != 0
    assert "No module named 'pyspark'" in result.stderr


def test_submit_runs_the_sales_report_example(tmp_path):
    out = str(tmp_path / "report")
    result = subprocess.run([os.path.join(REPO, "bin", "ember"), "submit", "--master", "local[2]",
                             os.path.join(REPO, "examples", "python", "sales_report.py"),
                             os.path.join(REPO, "examples", "data", "sales.csv"), out],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert "Revenue per region and month:" in result.stdout
    assert "|  East|2024-01| 378.44|     5|" in result.stdout
    assert "|Espresso Machine|   30|7470.00|          533.57|" in result.stdout
    assert os.path.isdir(os.path.join(out, "top_products"))


def test_submit_passes_args_sets_master_and_returns_the_exit_status(tmp_path):
    script = tmp_path / "job.py"
    script.write_text(textwrap.dedent("""
        import sys
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        print("args", sys.argv[1:], spark.sparkContext.master, spark.sparkContext.defaultParallelism)
        print("name", __name__)
        sys.exit(int(sys.argv[1]))
    """))
    result = subprocess.run([os.path.join(REPO, "bin", "ember"), "submit", "--master", "local[3]", str(script), "7",
                             "x"], capture_output=True, text=True, timeout=180)
    assert result.returncode == 7, result.stderr
    assert "args ['7', 'x'] local[3] 3" in result.stdout
    assert "name __main__" in result.stdout


def test_submit_of_a_failing_script_prints_the_traceback_and_fails(tmp_path):
    script = tmp_path / "bad.py"
    script.write_text("from pyspark.sql import SparkSession\n"
                      "SparkSession.builder.getOrCreate().range(1).select('nope')\n")
    result = subprocess.run([os.path.join(REPO, "bin", "ember"), "submit", str(script)], capture_output=True,
                            text=True, timeout=180)
    assert result.returncode == 1
    assert "AnalysisException" in result.stderr and "`nope`" in result.stderr
