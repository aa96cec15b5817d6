"""The Python side of the bridge's callbacks (PROTOCOL.md, "Callbacks"): the foreachBatch functions, foreach
writers and streaming query listeners of a session, by the id the JVM knows them by."""

from __future__ import annotations

import itertools
import threading
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional

from ember.errors import BridgeException

if TYPE_CHECKING:
    from ember.sql.session import SparkSession
    from ember.sql.streaming.listener import StreamingQueryListener


_LOCAL = threading.local()


def in_foreach_batch() -> bool:
    """Whether the calling thread runs a foreachBatch function (or a foreach writer) right now."""
    return getattr(_LOCAL, "depth", 0) > 0


class Callbacks:
    """The functions and listeners the JVM may call back, and the dispatch of its callback requests."""

    def __init__(self, spark: "SparkSession"):
        self._spark = spark
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._functions: Dict[int, Callable[[Any, int], None]] = {}
        self._writers: Dict[int, Any] = {}
        self._listeners: Dict[int, "StreamingQueryListener"] = {}

    def add_function(self, func: Callable[[Any, int], None]) -> int:
        """Registers a foreachBatch function; returns its id."""
        with self._lock:
            fid = next(self._ids)
            self._functions[fid] = func
            return fid

    def add_writer(self, writer: Any) -> int:
        """Registers a foreach writer (a function of a row, or an object with ``process``); returns its id."""
        with self._lock:
            wid = next(self._ids)
            self._writers[wid] = writer
            return wid

    def add_listener(self, listener: "StreamingQueryListener") -> Optional[int]:
        """Registers a listener; returns its new id, or None when it is registered already."""
        with self._lock:
            for lid, known in self._listeners.items():
                if known is listener:
                    return None
            lid = next(self._ids)
            self._listeners[lid] = listener
            return lid

    def remove_listener(self, listener: "StreamingQueryListener") -> Optional[int]:
        """Forgets a listener; returns the id it had, or None when it was not registered."""
        with self._lock:
            for lid, known in list(self._listeners.items()):
                if known is listener:
                    del self._listeners[lid]
                    return lid
            return None

    def dispatch(self, request: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """Runs one callback request of the JVM (on a thread of the callback channel); raising fails it."""
        kind = request.get("kind")
        if kind == "foreachBatch":
            return self._foreach_batch(request)
        if kind == "foreach":
            return self._foreach(request)
        if kind == "listener":
            return self._listener_event(request)
        raise BridgeException("Unknown callback kind %r from the JVM." % kind, "BRIDGE_PROTOCOL")

    def _foreach_batch(self, request: Dict[str, Any]) -> None:
        from ember.sql.dataframe import DataFrame, _node
        from ember.sql.types import StructType
        with self._lock:
            func = self._functions.get(int(request["function"]))
        if func is None:
            raise BridgeException("No foreachBatch function has the id %s in this session."
                                  % request["function"], "BRIDGE_UNKNOWN_HANDLE")
        df = DataFrame(_node("LocalRelation", relation=request["relation"]), self._spark,
                       StructType.fromJson(request["schema"]))
        _LOCAL.depth = getattr(_LOCAL, "depth", 0) + 1
        try:
            func(df, int(request["batchId"]))
        finally:
            _LOCAL.depth -= 1
        return None

    def _foreach(self, request: Dict[str, Any]) -> None:
        """One partition's rows of one epoch for a foreach writer, run as PySpark runs a partition on an executor:
        a fresh copy of the writer, ``open(partition_id, epoch_id)``, ``process(row)`` per row when ``open``
        returned a true value, then ``close(error)``; an error is raised again (and fails the query)."""
        from ember._batch import batch_to_rows, decode_batch
        from ember.sql.types import StructType
        with self._lock:
            writer = self._writers.get(int(request["writer"]))
        if writer is None:
            raise BridgeException("No foreach writer has the id %s in this session." % request["writer"],
                                  "BRIDGE_UNKNOWN_HANDLE")
        schema = StructType.fromJson(request["schema"])
        rows: List[Any] = []
        for payload in request.get("_batches", []):
            rows.extend(batch_to_rows(decode_batch(payload, schema), schema.names))
        if callable(writer) and not hasattr(writer, "process"):
            for row in rows:
                writer(row)
            return None
        copy = _copy(writer)
        should_process = copy.open(int(request["partitionId"]), int(request["epochId"])) \
            if hasattr(copy, "open") else True
        error: Optional[BaseException] = None
        try:
            if should_process:
                for row in rows:
                    copy.process(row)
        except Exception as e:
            error = e
        finally:
            if hasattr(copy, "close"):
                copy.close(error)
        if error is not None:
            raise error
        return None

    def _listener_event(self, request: Dict[str, Any]) -> None:
        from ember.sql.streaming import listener as events
        with self._lock:
            target = self._listeners.get(int(request["listener"]))
        if target is None:
            return None  # removed while the event was on its way
        kind = request.get("event")
        data = request.get("data") or {}
        if kind == "started":
            target.onQueryStarted(events.QueryStartedEvent.fromJson(data))
        elif kind == "progress":
            target.onQueryProgress(events.QueryProgressEvent.fromJson(data))
        elif kind == "idle":
            target.onQueryIdle(events.QueryIdleEvent.fromJson(data))
        elif kind == "terminated":
            target.onQueryTerminated(events.QueryTerminatedEvent.fromJson(data))
        else:
            raise BridgeException("Unknown listener event %r from the JVM." % kind, "BRIDGE_PROTOCOL")
        return None


def _copy(writer: Any) -> Any:
    """A copy of a foreach writer, as each Spark task deserializes its own."""
    try:
        import pickle

        import cloudpickle  # type: ignore[import-not-found]
        return pickle.loads(cloudpickle.dumps(writer))
    except ImportError:
        import copy
        return copy.deepcopy(writer)
