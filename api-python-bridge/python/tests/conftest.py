"""Shared fixtures: the package is imported from this checkout; JVM tests get one session per module."""

import os
import sys

import pytest

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(os.path.dirname(PYTHON_DIR))
if PYTHON_DIR not in sys.path:
    sys.path.insert(0, PYTHON_DIR)


@pytest.fixture(scope="module")
def spark():
    """A local session on a fresh JVM bridge, stopped after the module."""
    from ember.sql import SparkSession
    session = SparkSession.builder.master("local[2]").appName("pytest").getOrCreate()
    yield session
    session.stop()


def child_env():
    """The environment for a child Python that imports this checkout's package."""
    env = dict(os.environ)
    env["PYTHONPATH"] = PYTHON_DIR + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["EMBER_HOME"] = REPO
    return env
