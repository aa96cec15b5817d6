"""StreamingQueryListener and its events, and the progress reports of streaming queries, with PySpark's names
(``pyspark.sql.streaming.listener``)."""

from __future__ import annotations

import json as _json
import uuid
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional

__all__ = [
    "StreamingQueryListener", "QueryStartedEvent", "QueryProgressEvent", "QueryIdleEvent", "QueryTerminatedEvent",
    "StreamingQueryProgress", "StateOperatorProgress", "SourceProgress", "SinkProgress",
]


class _JsonDict(dict):
    """A progress report as Spark's JSON object (a dict, as ``lastProgress`` has always been in PySpark), whose
    fields are also attributes (``progress.batchId``), as PySpark's progress classes have them."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError("%s has no field %r" % (type(self).__name__, name)) from None

    @property
    def json(self) -> str:
        """The compact JSON text."""
        return _json.dumps(self, separators=(",", ":"))

    @property
    def prettyJson(self) -> str:
        """The indented JSON text."""
        return _json.dumps(self, indent=2)

    def __str__(self) -> str:
        return self.prettyJson


class StateOperatorProgress(_JsonDict):
    """One stateful operator's part of a progress report: ``operatorName``, ``numRowsTotal``,
    ``numRowsUpdated``, ``numRowsRemoved``, ``memoryUsedBytes``, ``numRowsDroppedByWatermark``, ..."""


class SourceProgress(_JsonDict):
    """One source's part of a progress report: ``description``, ``startOffset``, ``endOffset``,
    ``latestOffset``, ``numInputRows``, ``inputRowsPerSecond``, ``processedRowsPerSecond``."""


class SinkProgress(_JsonDict):
    """The sink's part of a progress report: ``description``, ``numOutputRows``, ``metrics``."""


class StreamingQueryProgress(_JsonDict):
    """The report of one committed micro-batch (epoch), as Spark's JSON: ``id``, ``runId``, ``name``,
    ``timestamp``, ``batchId``, ``batchDuration``, ``numInputRows``, ``inputRowsPerSecond``,
    ``processedRowsPerSecond``, ``durationMs``, ``eventTime`` (``watermark``, ``min``, ``max``, ``avg``),
    ``stateOperators``, ``sources`` and ``sink``. Item access gives the JSON values; the attributes ``id`` and
    ``runId`` are ``uuid.UUID`` and ``stateOperators``, ``sources`` and ``sink`` are progress objects."""

    @classmethod
    def fromJson(cls, data: Dict[str, Any]) -> "StreamingQueryProgress":
        """The progress of Spark's JSON object."""
        p = cls(data)
        if "stateOperators" in p:
            p["stateOperators"] = [StateOperatorProgress(s) for s in p["stateOperators"]]
        if "sources" in p:
            p["sources"] = [SourceProgress(s) for s in p["sources"]]
        if isinstance(p.get("sink"), dict):
            p["sink"] = SinkProgress(p["sink"])
        return p

    @property
    def id(self) -> uuid.UUID:
        """The query's id."""
        return uuid.UUID(self["id"])

    @property
    def runId(self) -> uuid.UUID:
        """The id of the query's run."""
        return uuid.UUID(self["runId"])

    @property
    def observedMetrics(self) -> Dict[str, Any]:
        """Metrics of ``observe`` (none: Ember has no ``observe`` yet)."""
        return self.get("observedMetrics", {})


def _uuid(value: Any) -> Optional[uuid.UUID]:
    return uuid.UUID(value) if value else None


class _QueryEvent:
    """What the started, idle and terminated events share: the query's ``id`` and the ``runId`` of its run."""

    def __init__(self, id: uuid.UUID, runId: uuid.UUID):
        self._id, self._runId = id, runId

    @property
    def id(self) -> uuid.UUID:
        """The query's id."""
        return self._id

    @property
    def runId(self) -> uuid.UUID:
        """The id of this run."""
        return self._runId


class QueryStartedEvent(_QueryEvent):
    """A query started: ``id`` and ``runId`` (``uuid.UUID``), ``name`` (or None) and ``timestamp`` (ISO-8601)."""

    def __init__(self, id: uuid.UUID, runId: uuid.UUID, name: Optional[str], timestamp: str):
        super().__init__(id, runId)
        self._name, self._timestamp = name, timestamp

    @classmethod
    def fromJson(cls, j: Dict[str, Any]) -> "QueryStartedEvent":
        """The event of its JSON object."""
        return cls(_uuid(j["id"]), _uuid(j["runId"]), j.get("name"), j.get("timestamp"))

    @property
    def name(self) -> Optional[str]:
        """The query's name, or None."""
        return self._name

    @property
    def timestamp(self) -> str:
        """When it started, ISO-8601 in UTC."""
        return self._timestamp


class QueryProgressEvent:
    """A query committed a micro-batch: ``progress`` is its StreamingQueryProgress."""

    def __init__(self, progress: StreamingQueryProgress):
        self._progress = progress

    @classmethod
    def fromJson(cls, j: Dict[str, Any]) -> "QueryProgressEvent":
        """The event of its JSON object."""
        return cls(StreamingQueryProgress.fromJson(j["progress"]))

    @property
    def progress(self) -> StreamingQueryProgress:
        """The progress report of the micro-batch."""
        return self._progress


class QueryIdleEvent(_QueryEvent):
    """A query has had no new data for a while (it keeps running): ``id``, ``runId``, ``timestamp``."""

    def __init__(self, id: uuid.UUID, runId: uuid.UUID, timestamp: str):
        super().__init__(id, runId)
        self._timestamp = timestamp

    @classmethod
    def fromJson(cls, j: Dict[str, Any]) -> "QueryIdleEvent":
        """The event of its JSON object."""
        return cls(_uuid(j["id"]), _uuid(j["runId"]), j.get("timestamp"))

    @property
    def timestamp(self) -> str:
        """When the idleness was noticed, ISO-8601 in UTC."""
        return self._timestamp


class QueryTerminatedEvent(_QueryEvent):
    """A query stopped, failed or finished: ``id``, ``runId``, ``exception`` (the failure's text, None when it
    did not fail) and ``errorClassOnException``."""

    def __init__(self, id: uuid.UUID, runId: uuid.UUID, exception: Optional[str],
                 errorClassOnException: Optional[str] = None):
        super().__init__(id, runId)
        self._exception, self._error_class = exception, errorClassOnException

    @classmethod
    def fromJson(cls, j: Dict[str, Any]) -> "QueryTerminatedEvent":
        """The event of its JSON object."""
        return cls(_uuid(j["id"]), _uuid(j["runId"]), j.get("exception"), j.get("errorClassOnException"))

    @property
    def exception(self) -> Optional[str]:
        """The failure with its stack trace, or None when the query was stopped or its input ended."""
        return self._exception

    @property
    def errorClassOnException(self) -> Optional[str]:
        """The failure's error class, when it has one."""
        return self._error_class


class StreamingQueryListener(ABC):
    """Hears about the streaming queries of a session: subclass it and register an instance with
    ``spark.streams.addListener(listener)``.

    The methods run in this Python process, on a thread of the session's callback channel, one event at a time
    and in the order the events happened; the JVM's listener thread waits for each, so a slow listener delays
    later events (not the queries). ``onQueryStarted`` has run when ``start()`` returns. An exception raised by
    a method is reported on the JVM's stderr and does not stop the query. The methods may use the session
    (e.g. ``spark.table(name).count()``)."""

    @abstractmethod
    def onQueryStarted(self, event: QueryStartedEvent) -> None:
        """A query started."""

    @abstractmethod
    def onQueryProgress(self, event: QueryProgressEvent) -> None:
        """A query committed a micro-batch."""

    def onQueryIdle(self, event: QueryIdleEvent) -> None:
        """A query has been idle (default: nothing)."""

    @abstractmethod
    def onQueryTerminated(self, event: QueryTerminatedEvent) -> None:
        """A query stopped, failed or finished its input."""
