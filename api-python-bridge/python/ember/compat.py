"""``import ember.compat`` makes ``import pyspark`` (and its sql, functions, types, errors and utils modules)
resolve to Ember — but only when no real PySpark is importable, so a real installation is never shadowed."""

from __future__ import annotations

import importlib
import importlib.util
import sys

ALIASES = {
    "pyspark": "ember",
    "pyspark.sql": "ember.sql",
    "pyspark.sql.functions": "ember.sql.functions",
    "pyspark.sql.types": "ember.sql.types",
    "pyspark.sql.utils": "ember.sql.utils",
    "pyspark.sql.column": "ember.sql.column",
    "pyspark.sql.window": "ember.sql.window",
    "pyspark.sql.dataframe": "ember.sql.dataframe",
    "pyspark.sql.session": "ember.sql.session",
    "pyspark.sql.group": "ember.sql.group",
    "pyspark.sql.readwriter": "ember.sql.readwriter",
    "pyspark.sql.streaming": "ember.sql.streaming",
    "pyspark.sql.streaming.listener": "ember.sql.streaming.listener",
    "pyspark.sql.streaming.query": "ember.sql.streaming.query",
    "pyspark.sql.streaming.readwriter": "ember.sql.streaming.readwriter",
    "pyspark.errors": "ember.errors",
}


def real_pyspark_available() -> bool:
    """True when a real PySpark (not these aliases) can be imported."""
    current = sys.modules.get("pyspark")
    if current is not None:
        return current is not sys.modules.get("ember")
    try:
        return importlib.util.find_spec("pyspark") is not None
    except (ImportError, ValueError):
        return False


def install() -> bool:
    """Register the ``pyspark`` aliases; returns False (and changes nothing) when a real PySpark is importable."""
    if real_pyspark_available():
        return False
    for alias, target in ALIASES.items():
        module = importlib.import_module(target)
        sys.modules[alias] = module
        parent, _, child = alias.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, module)
    return True


installed = install()
