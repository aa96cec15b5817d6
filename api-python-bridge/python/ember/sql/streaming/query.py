"""StreamingQuery and StreamingQueryManager (``pyspark.sql.streaming.query``): handles of queries running in
the JVM, named on the bridge by their run id."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from ember.errors import PySparkTypeError, PySparkValueError, StreamingQueryException, from_bridge_error
from ember.sql.streaming.listener import StreamingQueryListener, StreamingQueryProgress

if TYPE_CHECKING:
    from ember.sql.session import SparkSession

__all__ = ["StreamingQuery", "StreamingQueryManager"]


def _timeout_ms(timeout: Any) -> int:
    """PySpark's check of a timeout in seconds, as milliseconds for the JVM (at least 1)."""
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise PySparkValueError("[VALUE_NOT_POSITIVE] Value for `timeout` must be positive, got '%s'." % (timeout,),
                                "VALUE_NOT_POSITIVE")
    return max(1, int(round(timeout * 1000)))


class StreamingQuery:
    """A query running in the background, started by ``DataStreamWriter.start()``, as PySpark's
    ``StreamingQuery``. Every property asks the JVM, so it is always current."""

    def __init__(self, spark: "SparkSession", info: Dict[str, Any]):
        self._spark = spark
        self._id: str = info["id"]
        self._run_id: str = info["runId"]
        self._name: Optional[str] = info.get("name")

    def _request(self, op: str, **args: Any) -> Dict[str, Any]:
        header, _ = self._spark._request(op, query=self._run_id, **args)
        return header

    @property
    def id(self) -> str:
        """The query's unique id (kept across restarts from a checkpoint)."""
        return self._id

    @property
    def runId(self) -> str:
        """The id of this run of the query."""
        return self._run_id

    @property
    def name(self) -> Optional[str]:
        """The name given with ``queryName``, or None."""
        return self._name

    @property
    def sparkSession(self) -> "SparkSession":
        """The session the query runs in."""
        return self._spark

    @property
    def isActive(self) -> bool:
        """Whether the query is still running."""
        return bool(self._request("queryState")["isActive"])

    @property
    def status(self) -> Dict[str, Any]:
        """What the query does now: ``{"message": ..., "isDataAvailable": ..., "isTriggerActive": ...}``."""
        return dict(self._request("queryState")["status"])

    @property
    def lastProgress(self) -> Optional[StreamingQueryProgress]:
        """The progress of the latest committed micro-batch (a dict of Spark's progress JSON whose fields are
        also attributes), or None before the first one."""
        p = self._request("queryProgress", recent=False).get("progress")
        return StreamingQueryProgress.fromJson(p) if p is not None else None

    @property
    def recentProgress(self) -> List[StreamingQueryProgress]:
        """The most recent progress reports, oldest first (at most
        ``spark.sql.streaming.numRecentProgressUpdates``)."""
        return [StreamingQueryProgress.fromJson(p) for p in self._request("queryProgress", recent=True)["progress"]]

    def awaitTermination(self, timeout: Optional[float] = None) -> Optional[bool]:
        """Waits until the query terminated (``stop()``, a failure, or the end of its input with
        ``trigger(availableNow=True)``/``once``); with ``timeout`` (seconds) waits at most that long and returns
        whether it terminated. Raises the query's StreamingQueryException when it failed."""
        if timeout is None:
            self._request("awaitTermination")
            return None
        return bool(self._request("awaitTermination", timeoutMs=_timeout_ms(timeout))["terminated"])

    def processAllAvailable(self) -> None:
        """Waits until everything the sources hold now has been processed and committed to the sink (for
        tests; a source that never runs dry, such as ``rate``, never lets it return). Raises the query's
        StreamingQueryException when it failed."""
        self._request("processAllAvailable")

    def stop(self) -> None:
        """Stops the query and waits until it stopped; a micro-batch not yet committed is discarded. Called from
        a foreachBatch function, it asks the query to stop and returns at once (the query ends after the function
        returned)."""
        from ember.sql.streaming.callbacks import in_foreach_batch
        self._request("stopQuery", wait=not in_foreach_batch())

    def explain(self, extended: bool = False) -> None:
        """Prints the query's physical plan (with ``extended``, the logical plans too)."""
        print(self._request("explainQuery", extended=bool(extended))["text"])

    def exception(self) -> Optional[StreamingQueryException]:
        """The StreamingQueryException the query failed with, or None (running, stopped or finished)."""
        error = self._request("queryState").get("exception")
        if error is None:
            return None
        e = from_bridge_error(error)
        if not isinstance(e, StreamingQueryException):
            e = StreamingQueryException(e.getMessage(), e.getErrorClass(), e.getJavaClass(), e.stackTrace)
        return e

    def __repr__(self) -> str:
        return "<StreamingQuery id=%s runId=%s name=%s>" % (self._id, self._run_id, self._name)


class StreamingQueryManager:
    """The streaming queries of a session (``spark.streams``), as PySpark's ``StreamingQueryManager``."""

    def __init__(self, spark: "SparkSession"):
        self._spark = spark

    @property
    def active(self) -> List[StreamingQuery]:
        """The queries running now, in the order they started."""
        header, _ = self._spark._request("activeQueries")
        return [StreamingQuery(self._spark, q) for q in header["queries"]]

    def get(self, id: str) -> Optional[StreamingQuery]:
        """The active query with this id (a UUID string), or None."""
        if not isinstance(id, str):
            raise PySparkTypeError("[NOT_STR] Argument `id` should be a str, got %s." % type(id).__name__, "NOT_STR")
        header, _ = self._spark._request("getQuery", id=id)
        q = header.get("query")
        return StreamingQuery(self._spark, q) if q is not None else None

    def awaitAnyTermination(self, timeout: Optional[float] = None) -> Optional[bool]:
        """Waits until any query of the session terminated since the session started or since
        ``resetTerminated()`` (at once if one did); with ``timeout`` (seconds) returns whether one did. Raises the
        StreamingQueryException of a query that failed."""
        if timeout is None:
            self._spark._request("awaitAnyTermination")
            return None
        header, _ = self._spark._request("awaitAnyTermination", timeoutMs=_timeout_ms(timeout))
        return bool(header["terminated"])

    def resetTerminated(self) -> None:
        """Forgets the terminated queries, so that ``awaitAnyTermination()`` waits for a new one."""
        self._spark._request("resetTerminated")

    def addListener(self, listener: StreamingQueryListener) -> None:
        """Registers ``listener`` (a StreamingQueryListener) for the events of every query of the session from
        now on; its methods run in this process (see StreamingQueryListener)."""
        if not isinstance(listener, StreamingQueryListener):
            raise PySparkTypeError("[NOT_INSTANCE_OF] Argument `listener` should be a StreamingQueryListener, got "
                                   "%s." % type(listener).__name__, "NOT_INSTANCE_OF")
        lid = self._spark._callbacks.add_listener(listener)
        if lid is None:
            return
        try:
            self._spark._open_callbacks()
            self._spark._request("addListener", listener=lid)
        except BaseException:
            self._spark._callbacks.remove_listener(listener)
            raise

    def removeListener(self, listener: StreamingQueryListener) -> None:
        """Unregisters ``listener``; it hears no event delivered after this call."""
        lid = self._spark._callbacks.remove_listener(listener)
        if lid is not None:
            self._spark._request("removeListener", listener=lid)
