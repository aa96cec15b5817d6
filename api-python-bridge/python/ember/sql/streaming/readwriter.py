"""DataStreamReader (``spark.readStream``) and DataStreamWriter (``df.writeStream``), as PySpark's
``pyspark.sql.streaming.readwriter``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Union

from ember.errors import IllegalArgumentException, PySparkTypeError, PySparkValueError
from ember.sql.readwriter import _Options, _ReaderSchema, _WriterPartitioning
from ember.sql.types import StructType

if TYPE_CHECKING:
    from ember.sql.dataframe import DataFrame
    from ember.sql.session import SparkSession
    from ember.sql.streaming.query import StreamingQuery

__all__ = ["DataStreamReader", "DataStreamWriter"]


class DataStreamReader(_Options, _ReaderSchema):
    """Makes streaming DataFrames (``spark.readStream``): ``format("rate")`` (options ``rowsPerSecond``,
    ``numPartitions``, ``rampUpTime``), ``format("socket")`` (``host``, ``port``), or the csv/json/text files that
    appear in a directory (``maxFilesPerTrigger``, ``latestFirst``, ``maxFileAge``; csv and json need a schema).
    Nothing is read before a query starts."""

    def __init__(self, spark: "SparkSession"):
        self._spark = spark
        self._format: Optional[str] = None
        self._options: Dict[str, str] = {}
        self._schema: Any = None

    def format(self, source: str) -> "DataStreamReader":
        """The source format: ``rate``, ``socket``, ``csv``, ``json`` or ``text``."""
        if not isinstance(source, str):
            raise PySparkTypeError("[NOT_STR] Argument `source` should be a str, got %s." % type(source).__name__,
                                   "NOT_STR")
        self._format = source
        return self

    def load(self, path: Optional[str] = None, format: Optional[str] = None,
             schema: Union[StructType, str, None] = None, **options: Any) -> "DataFrame":
        """The stream of the configured (or given) format; ``path`` is the directory (or glob) of a file source."""
        if format is not None:
            self.format(format)
        if schema is not None:
            self.schema(schema)
        self.options(**options)
        args: Dict[str, Any] = {"format": self._format or "parquet", "options": self._options}
        if path is not None:
            if not isinstance(path, str) or not path.strip():
                raise PySparkValueError("[VALUE_NOT_NON_EMPTY_STR] Value for `path` must be a non-empty string, got "
                                        "'%s'." % (path,), "VALUE_NOT_NON_EMPTY_STR")
            args["path"] = path
        if self._schema is not None:
            args["schema"] = self._schema
        header, _ = self._spark._request("readStream", **args)
        from ember.sql.dataframe import DataFrame, _node
        return DataFrame(_node("SourceScan", source=header["source"]), self._spark,
                         StructType.fromJson(header["schema"]), streaming=True)

    def table(self, tableName: str) -> "DataFrame":
        """The stream of the persistent table ``tableName``: the files in the table's directory, each read once as
        it appears (rows that batch inserts and streams add later are picked up), in the table's format with its
        schema; this reader's options (e.g. ``maxFilesPerTrigger``) apply. A temporary view of the name that is a
        stream is returned as it is. AnalysisException (TABLE_OR_VIEW_NOT_FOUND) when there is none."""
        if not isinstance(tableName, str):
            raise PySparkTypeError("[NOT_STR] Argument `tableName` should be a str, got %s."
                                   % type(tableName).__name__, "NOT_STR")
        header, _ = self._spark._request("readStream", table=tableName, options=self._options)
        if header.get("view"):
            return self._spark.table(tableName)
        from ember.sql.dataframe import DataFrame, _node
        return DataFrame(_node("SourceScan", source=header["source"]), self._spark,
                         StructType.fromJson(header["schema"]), streaming=True)

    def csv(self, path: str, schema: Union[StructType, str, None] = None, sep: Optional[str] = None,
            header: Any = None, nullValue: Optional[str] = None, mode: Optional[str] = None,
            **options: Any) -> "DataFrame":
        """The CSV files appearing in directory ``path`` (PySpark's keyword options: sep, header, nullValue,
        mode, maxFilesPerTrigger, ...)."""
        self.options(sep=sep, header=header, nullValue=nullValue, mode=mode, **options)
        return self.load(path, "csv", schema)

    def json(self, path: str, schema: Union[StructType, str, None] = None, mode: Optional[str] = None,
             **options: Any) -> "DataFrame":
        """The JSON-lines files appearing in directory ``path``."""
        self.options(mode=mode, **options)
        return self.load(path, "json", schema)

    def text(self, path: str, wholetext: bool = False, lineSep: Optional[str] = None,
             **options: Any) -> "DataFrame":
        """The text files appearing in directory ``path``, one row per line in a string column ``value``."""
        self.options(wholetext=wholetext if wholetext else None, lineSep=lineSep, **options)
        return self.load(path, "text")

    def parquet(self, path: str, schema: Union[StructType, str, None] = None, **options: Any) -> "DataFrame":
        """The Parquet files appearing in directory ``path``; a schema is required, as for csv and json."""
        self.options(**options)
        return self.load(path, "parquet", schema)


def _check_foreach_writer(f: Any) -> None:
    """PySpark's checks of a foreach writer: a function, or an object with a callable ``process`` (and callable
    ``open``/``close`` when it has them)."""
    if callable(f) and not hasattr(f, "process"):
        return
    if not hasattr(f, "process"):
        raise PySparkTypeError("[ATTRIBUTE_NOT_CALLABLE] Attribute `process` in provided object `%s` is not "
                               "callable." % type(f).__name__, "ATTRIBUTE_NOT_CALLABLE")
    for name in ("process", "open", "close"):
        if hasattr(f, name) and not callable(getattr(f, name)):
            raise PySparkTypeError("[ATTRIBUTE_NOT_CALLABLE] Attribute `%s` in provided object `%s` is not "
                                   "callable." % (name, type(f).__name__), "ATTRIBUTE_NOT_CALLABLE")


class DataStreamWriter(_Options, _WriterPartitioning):
    """Starts a streaming query over a streaming DataFrame (``df.writeStream``): the sink (``format``:
    ``console``, ``memory``, ``csv``, ``json``, ``text``, ``noop``; or ``foreach``/``foreachBatch``), the
    ``outputMode``, the ``trigger`` and a ``queryName``, then ``start()``. Sink options: ``checkpointLocation``,
    ``path``, ``numRows``, ``truncate`` and the format's options."""

    def __init__(self, df: "DataFrame"):
        self._df = df
        self._spark = df.sparkSession
        self._format: Optional[str] = None
        self._output_mode: Optional[str] = None
        self._trigger: Optional[Dict[str, Any]] = None
        self._query_name: Optional[str] = None
        self._options: Dict[str, str] = {}
        self._partition_by: List[str] = []
        self._foreach_batch: Optional[Callable[["DataFrame", int], None]] = None
        self._foreach_writer: Any = None

    def outputMode(self, outputMode: str) -> "DataStreamWriter":
        """``append`` (the default: rows that will not change), ``update`` (rows changed in the micro-batch) or
        ``complete`` (the whole result, aggregations only)."""
        if not isinstance(outputMode, str) or not outputMode.strip():
            raise PySparkValueError("[VALUE_NOT_NON_EMPTY_STR] Value for `outputMode` must be a non-empty string, "
                                    "got '%s'." % (outputMode,), "VALUE_NOT_NON_EMPTY_STR")
        if outputMode.lower() not in ("append", "update", "complete"):
            raise IllegalArgumentException("[STREAMING_OUTPUT_MODE.INVALID] Invalid streaming output mode: %s. "
                                           "Accepted output modes are 'Append', 'Complete', 'Update'." % outputMode,
                                           "STREAMING_OUTPUT_MODE.INVALID")
        self._output_mode = outputMode
        return self

    def format(self, source: str) -> "DataStreamWriter":
        """The sink: ``console``, ``memory``, ``csv``, ``json``, ``text`` or ``noop``."""
        if not isinstance(source, str):
            raise PySparkTypeError("[NOT_STR] Argument `source` should be a str, got %s." % type(source).__name__,
                                   "NOT_STR")
        self._format = source
        self._foreach_batch = None
        self._foreach_writer = None
        return self

    def queryName(self, queryName: str) -> "DataStreamWriter":
        """The query's name, unique among the active queries; the table name of the memory sink."""
        if not isinstance(queryName, str) or not queryName.strip():
            raise PySparkValueError("[VALUE_NOT_NON_EMPTY_STR] Value for `queryName` must be a non-empty string, "
                                    "got '%s'." % (queryName,), "VALUE_NOT_NON_EMPTY_STR")
        self._query_name = queryName
        return self

    def trigger(self, *, processingTime: Optional[str] = None, once: Optional[bool] = None,
                continuous: Optional[str] = None, availableNow: Optional[bool] = None) -> "DataStreamWriter":
        """When micro-batches end: ``processingTime="1 second"`` (at most one per interval), ``once=True`` (one
        over what is available, then the query ends), ``availableNow=True`` (everything available, in as many
        micro-batches as the source limits ask, then the query ends) or ``continuous="1 second"`` (Spark's
        continuous processing: projections and filters only, rows handed to per-row sinks as they are processed,
        a checkpoint every interval, no progress reports). Exactly one must be given. Without a trigger the next
        micro-batch starts as soon as the previous one committed."""
        params = [processingTime, once, continuous, availableNow]
        if params.count(None) != 3:
            raise PySparkValueError("[ONLY_ALLOW_SINGLE_TRIGGER] Only a single trigger is allowed.",
                                    "ONLY_ALLOW_SINGLE_TRIGGER")
        if processingTime is not None:
            if not isinstance(processingTime, str) or not processingTime.strip():
                raise PySparkValueError("[VALUE_NOT_NON_EMPTY_STR] Value for `processingTime` must be a non-empty "
                                        "string, got '%s'." % (processingTime,), "VALUE_NOT_NON_EMPTY_STR")
            self._trigger = {"processingTime": processingTime}
        elif once is not None:
            if once is not True:
                raise PySparkValueError("[VALUE_NOT_TRUE] Value for `once` must be True, got '%s'." % (once,),
                                        "VALUE_NOT_TRUE")
            self._trigger = {"once": True}
        elif availableNow is not None:
            if availableNow is not True:
                raise PySparkValueError("[VALUE_NOT_TRUE] Value for `availableNow` must be True, got '%s'."
                                        % (availableNow,), "VALUE_NOT_TRUE")
            self._trigger = {"availableNow": True}
        else:
            if not isinstance(continuous, str) or not continuous.strip():
                raise PySparkValueError("[VALUE_NOT_NON_EMPTY_STR] Value for `continuous` must be a non-empty "
                                        "string, got '%s'." % (continuous,), "VALUE_NOT_NON_EMPTY_STR")
            self._trigger = {"continuous": continuous}
        return self

    def foreachBatch(self, func: Callable[["DataFrame", int], None]) -> "DataStreamWriter":
        """Calls ``func(batch_df, batch_id)`` in this Python process for every committed micro-batch, with the
        micro-batch's output as a batch DataFrame (``count``, ``collect``, ``write`` all work on it, during the
        call) and its id (from 0). The query waits for the function; an exception raised by it fails the query
        (``exception()`` then holds the Python traceback)."""
        if not callable(func):
            raise PySparkTypeError("[NOT_CALLABLE] Argument `func` should be a callable, got %s."
                                   % type(func).__name__, "NOT_CALLABLE")
        self._foreach_batch = func
        self._foreach_writer = None
        self._format = "foreachBatch"
        return self

    def foreach(self, f: Any) -> "DataStreamWriter":
        """Writes each output row with ``f``: a function of a Row, or an object with ``process(row)`` and optional
        ``open(partition_id, epoch_id)`` (return False to skip the partition) and ``close(error)``, called as
        PySpark calls them per partition of each micro-batch, on a fresh copy of ``f`` (pickled as a Spark task
        gets one). The calls run in this Python process: when a sink task finishes its partition of a micro-batch,
        it hands the partition's rows over and waits. An exception fails the query."""
        _check_foreach_writer(f)
        self._foreach_writer = f
        self._foreach_batch = None
        self._format = "foreach"
        return self

    def start(self, path: Optional[str] = None, format: Optional[str] = None, outputMode: Optional[str] = None,
              partitionBy: Union[str, List[str], None] = None, queryName: Optional[str] = None,
              **options: Any) -> "StreamingQuery":
        """Starts the query and returns its StreamingQuery once it runs. Raises AnalysisException when the query
        is not allowed as a stream in the output mode (Spark's reasons), for an unknown sink, or a memory sink
        without ``queryName``."""
        from ember.sql.streaming.query import StreamingQuery
        args = self._start_args(format, outputMode, partitionBy, queryName, options)
        if path is not None:
            args["path"] = path
        if self._foreach_batch is not None:
            self._spark._open_callbacks()
            args["foreachBatch"] = self._spark._callbacks.add_function(self._foreach_batch)
        if self._foreach_writer is not None:
            self._spark._open_callbacks()
            args["foreach"] = self._spark._callbacks.add_writer(self._foreach_writer)
        header, _ = self._spark._request("startStream", **args)
        return StreamingQuery(self._spark, header["query"])

    def _start_args(self, format: Optional[str], outputMode: Optional[str],
                    partitionBy: Union[str, List[str], None], queryName: Optional[str],
                    options: Dict[str, Any]) -> Dict[str, Any]:
        """Applies the settings given to ``start``/``toTable`` and returns the bridge's ``startStream``
        arguments that every sink shares."""
        if format is not None:
            self.format(format)
        if outputMode is not None:
            self.outputMode(outputMode)
        if partitionBy is not None:
            self.partitionBy(partitionBy)
        if queryName is not None:
            self.queryName(queryName)
        self.options(**options)
        args: Dict[str, Any] = {"plan": self._df._plan, "options": self._options, "partitionBy": self._partition_by}
        if self._format is not None:
            args["format"] = self._format
        if self._output_mode is not None:
            args["outputMode"] = self._output_mode
        if self._trigger is not None:
            args["trigger"] = self._trigger
        if self._query_name is not None:
            args["queryName"] = self._query_name
        return args

    def toTable(self, tableName: str, format: Optional[str] = None, outputMode: Optional[str] = None,
                partitionBy: Union[str, List[str], None] = None, queryName: Optional[str] = None,
                **options: Any) -> "StreamingQuery":
        """Starts the query writing into the persistent table ``tableName`` and returns its StreamingQuery: the
        streaming file sink writes into the table's directory (append mode; with a ``checkpointLocation`` option,
        exactly-once across restarts), columns matched to the table's by name. A table that does not exist is
        created from the stream's schema, in the format set (else ``spark.sql.sources.default``), partitioned by
        ``partitionBy``."""
        from ember.sql.streaming.query import StreamingQuery
        args = self._start_args(format, outputMode, partitionBy, queryName, options)
        args["table"] = tableName
        header, _ = self._spark._request("startStream", **args)
        return StreamingQuery(self._spark, header["query"])
