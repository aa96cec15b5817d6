"""SparkSession: the entry point, backed by a JVM bridge process."""

from __future__ import annotations

import datetime as _dt
import decimal
import os
import re
import threading

import numpy as np
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Tuple, Union

from ember.errors import IllegalArgumentException, PySparkTypeError, PySparkValueError
from ember.sql._row import Row
from ember.sql.types import (
    ArrayType, BinaryType, BooleanType, DataType, DateType, DayTimeIntervalType, DecimalType, DoubleType, LongType, MapType,
    NullType, StringType, StructField, StructType, TimestampType, _parse_datatype_string,
)

_DEFAULT_MASTER = "local[*]"


class RuntimeConfig:
    """Session configuration (``spark.conf``)."""

    def __init__(self, spark: "SparkSession"):
        self._spark = spark

    def set(self, key: str, value: Any) -> None:
        """Set a configuration value (bools as ``true``/``false``)."""
        if isinstance(value, bool):
            value = "true" if value else "false"
        self._spark._request("confSet", key=key, value=str(value))

    _NO_DEFAULT = object()

    def get(self, key: str, default: Any = _NO_DEFAULT) -> Optional[str]:
        """The value of ``key``; ``default`` when it is unset (an error when unset and no default is given)."""
        from ember.errors import EmberException
        try:
            header, _ = self._spark._request("confGet", key=key)
        except EmberException:
            if default is RuntimeConfig._NO_DEFAULT:
                raise
            return default
        value = header.get("value")
        if value is None and default is not RuntimeConfig._NO_DEFAULT:
            return default
        return value

    def unset(self, key: str) -> None:
        """Reset ``key`` to its default."""
        self._spark._request("confUnset", key=key)

    def getAll(self) -> Dict[str, str]:
        """Every set configuration value."""
        header, _ = self._spark._request("confGetAll")
        return dict(header.get("values") or {})

    def isModifiable(self, key: str) -> bool:
        """True: every session configuration can be changed at run time."""
        return True


class SparkSession:
    """The entry point to Ember: ``SparkSession.builder.master("local[2]").appName("app").getOrCreate()``.

    It starts a JVM bridge process and drives it; ``stop()`` (or the end of this Python process) ends it.
    """

    _active: Optional["SparkSession"] = None
    _lock = threading.RLock()
    _submit_defaults: Dict[str, str] = {}

    class Builder:
        """Builds or returns the active SparkSession."""

        def __init__(self) -> None:
            self._options: Dict[str, str] = {}

        def master(self, master: str) -> "SparkSession.Builder":
            """The master: ``local``, ``local[N]``, ``local[*]``, or ``ember://host:port`` to run on the Ember cluster
            of that node (its secret from ``spark.ember.cluster.secretFile``, ``EMBER_CLUSTER_SECRET`` or the
            directory of ``bin/ember cluster start``)."""
            return self.config("spark.master", master)

        def appName(self, name: str) -> "SparkSession.Builder":
            """The application name."""
            return self.config("spark.app.name", name)

        def config(self, key: Optional[str] = None, value: Any = None, conf: Any = None,
                   map: Optional[Dict[str, Any]] = None) -> "SparkSession.Builder":
            """A configuration value applied to the session (``config(key, value)`` or ``config(map={...})``)."""
            if key is not None:
                self._options[key] = ("true" if value else "false") if isinstance(value, bool) else str(value)
            for k, v in (map or {}).items():
                self.config(k, v)
            return self

        def enableHiveSupport(self) -> "SparkSession.Builder":
            """Accepted for compatibility; Ember has no Hive catalog."""
            return self

        def getOrCreate(self) -> "SparkSession":
            """The active session (with this builder's configuration applied), or a new one."""
            with SparkSession._lock:
                active = SparkSession._active
                if active is not None and not active._bridge.closed:
                    for k, v in self._options.items():
                        if k not in ("spark.master", "spark.app.name"):
                            active.conf.set(k, v)
                    return active
                options = dict(SparkSession._submit_defaults)
                options.update(self._options)
                session = SparkSession(options)
                SparkSession._active = session
                return session

        create = getOrCreate

    builder: "SparkSession.Builder"

    def __init__(self, options: Optional[Dict[str, str]] = None):
        from ember._bridge import Bridge
        options = dict(options or {})
        master = options.pop("spark.master", None) or os.environ.get("EMBER_DEFAULT_MASTER") or _DEFAULT_MASTER
        app_name = options.pop("spark.app.name", None) or "ember-python"
        if not (master == "local" or (master.startswith("local[") and master.endswith("]"))
                or master.startswith("ember://")):
            raise IllegalArgumentException(
                "[INVALID_MASTER] Unknown master '%s'; use local, local[N], local[*] or ember://host:port (a node "
                "of an Ember cluster)." % master, "INVALID_MASTER")
        if master.startswith("ember://") and not re.fullmatch(r"ember://(\[[0-9A-Fa-f:.]+\]|[^:/\[\]]+):[0-9]{1,5}/?",
                                                             master):
            raise IllegalArgumentException(
                "[INVALID_MASTER_URL] Could not parse Master URL: '%s'; a cluster master is ember://host:port (any "
                "node of an Ember cluster; bin/ember cluster start prints it)." % master, "INVALID_MASTER_URL")
        self._master = master
        self._app_name = app_name
        # the cluster options the JVM needs to connect (secret file, connect timeout) go with the start
        cluster = {k: v for k, v in options.items() if k.startswith("spark.ember.cluster.")}
        # spark.driver.memory sizes the JVM's heap, so it is applied when the JVM starts (as Spark's launcher does)
        self._bridge = Bridge(master, app_name, cluster, options.get("spark.driver.memory"))
        from ember.sql.streaming.callbacks import Callbacks
        self._callbacks = Callbacks(self)
        self._streams: Any = None
        self._streams_lock = threading.Lock()
        self.conf = RuntimeConfig(self)
        try:
            for k, v in options.items():
                self.conf.set(k, v)
        except BaseException:
            self._bridge.close()
            raise

    # ---- bridge ----

    def _request(self, op: str, batches: Optional[List[bytes]] = None, **args: Any) -> Tuple[Dict[str, Any], List[bytes]]:
        return self._bridge.request(op, batches, **args)

    def _analyze(self, plan: Dict[str, Any]) -> StructType:
        return self._analyze_plan(plan)[0]

    def _analyze_plan(self, plan: Dict[str, Any]) -> Tuple[StructType, bool]:
        """The plan's schema and whether it reads a stream, as the JVM analyzes it."""
        header, _ = self._request("analyze", plan=plan)
        return StructType.fromJson(header["schema"]), bool(header.get("isStreaming", False))

    def _collect(self, plan: Dict[str, Any], limit: Optional[int] = None) -> List[Row]:
        args: Dict[str, Any] = {"plan": plan}
        if limit is not None:
            args["limit"] = limit
        from ember._batch import batch_to_rows, decode_batch
        header, batches = self._request("collect", **args)
        schema = StructType.fromJson(header["schema"])
        rows: List[Row] = []
        for b in batches:
            rows.extend(batch_to_rows(decode_batch(b, schema), schema.names))
        return rows

    # ---- properties ----

    @property
    def version(self) -> str:
        """The Ember version of the JVM."""
        return self._bridge.version

    @property
    def read(self) -> "DataFrameReader":
        """The reader for files (``spark.read.csv(...)``)."""
        from ember.sql.readwriter import DataFrameReader
        return DataFrameReader(self)

    @property
    def readStream(self) -> "DataStreamReader":
        """The reader of streams: ``spark.readStream.format("rate").load()``, or files appearing in a directory
        (``spark.readStream.schema(s).json(dir)``)."""
        from ember.sql.streaming.readwriter import DataStreamReader
        return DataStreamReader(self)

    @property
    def streams(self) -> "StreamingQueryManager":
        """The streaming queries of this session (``active``, ``get``, ``awaitAnyTermination``) and their
        listeners (``addListener``)."""
        from ember.sql.streaming.query import StreamingQueryManager
        with self._streams_lock:
            if self._streams is None:
                self._streams = StreamingQueryManager(self)
            return self._streams

    def _open_callbacks(self) -> None:
        """Opens the bridge's callback channel (once) so that the JVM can call foreachBatch functions, foreach
        writers and listeners of this session."""
        self._bridge.open_callbacks(self._callbacks.dispatch)

    @property
    def sparkContext(self) -> "SparkContext":
        """Basic context information (master, appName, defaultParallelism)."""
        return SparkContext(self)

    @classmethod
    def getActiveSession(cls) -> Optional["SparkSession"]:
        """The active session, or None."""
        active = cls._active
        return active if active is not None and not active._bridge.closed else None

    # ---- DataFrames ----

    def range(self, start: int, end: Optional[int] = None, step: int = 1,
              numPartitions: Optional[int] = None) -> "DataFrame":
        """A DataFrame with one bigint column ``id`` from ``start`` (inclusive) to ``end`` (exclusive)."""
        from ember.sql.dataframe import DataFrame, _node
        if end is None:
            start, end = 0, start
        return DataFrame(_node("Range", start=int(start), end=int(end), step=int(step),
                               numPartitions=int(numPartitions or 0)), self)

    def createDataFrame(self, data: Iterable[Any], schema: Union[StructType, DataType, str, List[str], None] = None,
                        samplingRatio: Optional[float] = None, verifySchema: bool = True) -> "DataFrame":
        """A DataFrame from local data: tuples, lists, dicts or Rows, with a StructType, DDL string, list of
        column names or no schema (types inferred as PySpark: int -> bigint, float -> double, ...)."""
        from ember.sql.dataframe import DataFrame, _node
        if hasattr(data, "toPandas") or type(data).__name__ == "DataFrame" and hasattr(data, "columns"):
            raise PySparkTypeError("[UNSUPPORTED_DATA_TYPE] createDataFrame takes a list of rows here, not a "
                                   "DataFrame.", "UNSUPPORTED_DATA_TYPE")
        if isinstance(data, (str, bytes)) or not isinstance(data, Iterable):
            raise PySparkTypeError("[INVALID_TYPE] Argument `data` should be a list, got %s." % type(data).__name__,
                                   "INVALID_TYPE")
        from ember._batch import rows_to_batches
        rows = list(data)
        struct, tuples = _prepare(rows, schema)
        batches = rows_to_batches(tuples, struct)
        header, _ = self._request("createDataFrame", batches=batches, schema=struct.jsonValue())
        return DataFrame(_node("LocalRelation", relation=header["relation"]), self,
                         StructType.fromJson(header["schema"]))

    # ---- SQL ----

    def sql(self, sqlQuery: str) -> "DataFrame":
        """The result of the SQL query ``sqlQuery`` over the temporary views, as a DataFrame. A syntax error
        raises ParseException (with its line and position); an unknown table or column AnalysisException."""
        from ember.sql.dataframe import DataFrame, _node
        if not isinstance(sqlQuery, str):
            raise PySparkTypeError("[NOT_STR] Argument `sqlQuery` should be a str, got %s."
                                   % type(sqlQuery).__name__, "NOT_STR")
        return DataFrame(_node("Sql", text=sqlQuery), self)

    def table(self, tableName: str) -> "DataFrame":
        """The temporary view ``tableName``, else the persistent table ``tableName`` (``db.name`` for another
        database), as a DataFrame (AnalysisException TABLE_OR_VIEW_NOT_FOUND when there is none)."""
        if not isinstance(tableName, str):
            raise PySparkTypeError("[NOT_STR] Argument `tableName` should be a str, got %s."
                                   % type(tableName).__name__, "NOT_STR")
        return self.sql("SELECT * FROM %s" % ".".join("`%s`" % part.replace("`", "``")
                                                      for part in tableName.split(".")))

    @property
    def udf(self) -> "UDFRegistration":
        """Registers Python functions by name for SQL (``spark.udf.register(name, f, returnType)``)."""
        from ember.sql.udf import UDFRegistration
        return UDFRegistration(self)

    @property
    def catalog(self) -> "Catalog":
        """The temporary views (``listTables``, ``tableExists``, ``dropTempView``)."""
        return Catalog(self)

    # ---- lifecycle ----

    def stop(self) -> None:
        """Stop the session and its JVM."""
        with SparkSession._lock:
            self._bridge.close()
            if SparkSession._active is self:
                SparkSession._active = None

    def __enter__(self) -> "SparkSession":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def newSession(self) -> "SparkSession":
        """This session (one session per JVM)."""
        return self


class Table(NamedTuple):
    """A table or view of ``Catalog.listTables()``: a persistent table (``tableType`` MANAGED or EXTERNAL,
    ``namespace`` its database) or a temporary view (TEMPORARY)."""
    name: str
    catalog: Optional[str] = None
    namespace: Optional[List[str]] = None
    description: Optional[str] = None
    tableType: str = "TEMPORARY"
    isTemporary: bool = True

    @property
    def database(self) -> Optional[str]:
        """The table's database, ``global_temp`` for a global temporary view; None: temporary views belong to no
        database."""
        return self.namespace[0] if self.namespace and len(self.namespace) == 1 else None


class Database(NamedTuple):
    """A database of ``Catalog.listDatabases()``."""
    name: str
    catalog: Optional[str] = "spark_catalog"
    description: Optional[str] = None
    locationUri: Optional[str] = None


def _table(entry: Dict[str, Any]) -> Table:
    db = entry.get("database")
    if db is None:
        return Table(entry["name"])
    return Table(entry["name"], catalog="spark_catalog", namespace=[db], description=entry.get("description"),
                 tableType=entry["tableType"], isTemporary=bool(entry["isTemporary"]))


class Catalog:
    """The session's temporary views, the global temporary views and the persistent tables of the warehouse
    (``spark.sql.warehouse.dir``, default ``spark-warehouse`` in the working directory), as PySpark's
    ``spark.catalog``. Unlike Spark without Hive, Ember keeps the tables' metadata in the warehouse, so a later
    session over the same warehouse sees them."""

    def __init__(self, spark: "SparkSession"):
        self._spark = spark

    def listTables(self, dbName: Optional[str] = None, pattern: Optional[str] = None) -> List[Table]:
        """The tables and views of database ``dbName`` (default: the current database), then the temporary views
        (names in lower case, each sorted); for ``dbName="global_temp"`` the global temporary views first
        (``database`` global_temp), as PySpark lists them; ``pattern`` keeps the names it matches (``*`` for any characters)."""
        header, _ = self._spark._request("listTables", **({"db": dbName} if dbName is not None else {}))
        tables = [_table(t) for t in header["tables"]]
        if pattern is not None:
            import fnmatch
            tables = [t for t in tables if fnmatch.fnmatch(t.name, pattern.lower())]
        return tables

    def tableExists(self, tableName: str, dbName: Optional[str] = None) -> bool:
        """Whether a temporary view or a persistent table ``tableName`` exists (``db.name`` or ``dbName``: a table
        of that database; ``global_temp.name``, or ``dbName="global_temp"``: a global temporary view)."""
        name = _view_name(tableName)
        if dbName is not None:
            name = "%s.%s" % (dbName, name)
        header, _ = self._spark._request("tableExists", name=name)
        return bool(header["exists"])

    def getTable(self, tableName: str) -> Table:
        """The table or view ``tableName`` (a temporary view first, as queries resolve names); AnalysisException
        (TABLE_OR_VIEW_NOT_FOUND) when there is none."""
        header, _ = self._spark._request("getTable", name=tableName)
        return _table(header["table"])

    def listDatabases(self, pattern: Optional[str] = None) -> List[Database]:
        """The databases of the warehouse, sorted (``default`` always among them)."""
        header, _ = self._spark._request("listDatabases")
        import fnmatch
        return [Database(n) for n in header["names"] if pattern is None or fnmatch.fnmatch(n, pattern.lower())]

    def databaseExists(self, dbName: str) -> bool:
        """Whether database ``dbName`` exists."""
        return dbName.lower() in [d.name for d in self.listDatabases()]

    def currentDatabase(self) -> str:
        """The database of unqualified table names: ``default`` until ``setCurrentDatabase`` or SQL ``USE``."""
        header, _ = self._spark._request("currentDatabase")
        return header["name"]

    def setCurrentDatabase(self, dbName: str) -> None:
        """Make ``dbName`` the database of unqualified table names for this session, as SQL ``USE dbName``;
        AnalysisException (SCHEMA_NOT_FOUND) when there is no such database."""
        self._spark._request("setCurrentDatabase", name=dbName)

    def createTable(self, tableName: str, path: Optional[str] = None, source: Optional[str] = None,
                    schema: Optional[Any] = None, description: Optional[str] = None,
                    **options: Any) -> "DataFrame":
        """Create the table ``tableName`` and return it as a DataFrame: external over the files at ``path`` (schema
        read from them unless given), else a managed, empty table with ``schema`` in the warehouse; ``source`` is
        the format (default ``spark.sql.sources.default``)."""
        from ember.sql.readwriter import _opt
        opts = {k: _opt(v) for k, v in options.items() if v is not None}
        if path is not None:
            opts["path"] = path
        args: Dict[str, Any] = {"name": tableName, "options": opts}
        if source is not None:
            args["source"] = source
        if schema is not None:
            args["schema"] = schema if isinstance(schema, str) else schema.jsonValue()
        self._spark._request("createTable", **args)
        return self._spark.table(tableName)

    def dropGlobalTempView(self, viewName: str) -> bool:
        """Drop the global temporary view ``global_temp.viewName``; whether there was one."""
        header, _ = self._spark._request("dropGlobalTempView", name=_view_name(viewName))
        return bool(header["dropped"])

    def functionExists(self, functionName: str, dbName: Optional[str] = None) -> bool:
        """Whether ``functionName`` is a registered (``spark.udf.register``) or built-in function."""
        header, _ = self._spark._request("functionExists", name=functionName)
        return bool(header["exists"])

    def dropTempView(self, viewName: str) -> bool:
        """Drop the temporary view ``viewName``; whether there was one."""
        header, _ = self._spark._request("dropTempView", name=_view_name(viewName))
        return bool(header["dropped"])

    def cacheTable(self, tableName: str, storageLevel: Any = None) -> None:
        """Cache the view ``tableName`` (lazily: the first action over it keeps its rows); queries over the view
        then read the cache. An AnalysisException (TABLE_OR_VIEW_NOT_FOUND) when there is no such view."""
        from ember.storagelevel import StorageLevel
        level = StorageLevel.MEMORY_AND_DISK_DESER if storageLevel is None else storageLevel
        if not isinstance(level, StorageLevel):
            raise PySparkTypeError("[NOT_STORAGELEVEL] Argument `storageLevel` should be a StorageLevel, got %s."
                                   % type(level).__name__, "NOT_STORAGELEVEL")
        self._spark._request("cacheTable", name=_view_name(tableName), storageLevel=level._to_json())

    def uncacheTable(self, tableName: str) -> None:
        """Drop the cached data of the view ``tableName``."""
        self._spark._request("uncacheTable", name=_view_name(tableName))

    def isCached(self, tableName: str) -> bool:
        """Whether the view ``tableName`` is cached."""
        header, _ = self._spark._request("isCached", name=_view_name(tableName))
        return bool(header["cached"])

    def clearCache(self) -> None:
        """Drop every cached DataFrame and view of the session."""
        self._spark._request("clearCache")


def _view_name(name: Any) -> str:
    if not isinstance(name, str):
        raise PySparkTypeError("[NOT_STR] Argument `tableName` should be a str, got %s." % type(name).__name__,
                               "NOT_STR")
    return name


class _BuilderDescriptor:
    def __get__(self, instance: Any, owner: Any) -> SparkSession.Builder:
        return SparkSession.Builder()


SparkSession.builder = _BuilderDescriptor()  # type: ignore[assignment]


class SparkContext:
    """What PySpark scripts read from ``spark.sparkContext``."""

    def __init__(self, spark: SparkSession):
        self._spark = spark

    @property
    def master(self) -> str:
        """The master URL."""
        return self._spark._master

    @property
    def appName(self) -> str:
        """The application name."""
        return self._spark._app_name

    @property
    def defaultParallelism(self) -> int:
        """The default number of parallel tasks."""
        return self._spark._bridge.default_parallelism

    @property
    def version(self) -> str:
        """The Ember version."""
        return self._spark.version

    def setLogLevel(self, logLevel: str) -> None:
        """Accepted for compatibility: the Ember JVM already logs warnings and errors only."""
        valid = ("ALL", "DEBUG", "ERROR", "FATAL", "INFO", "OFF", "TRACE", "WARN")
        if logLevel.upper() not in valid:
            raise IllegalArgumentException("Supplied level %s did not match one of: %s" % (logLevel, ",".join(valid)))


# ---- createDataFrame: schema inference and row conversion ----

def _infer_type(v: Any, name: str) -> DataType:
    if v is None:
        return NullType()
    if isinstance(v, np.bool_):
        return BooleanType()
    if isinstance(v, np.integer):
        return LongType()
    if isinstance(v, np.floating):
        return DoubleType()
    if isinstance(v, bool):
        return BooleanType()
    if isinstance(v, int):
        return LongType()
    if isinstance(v, float):
        return DoubleType()
    if isinstance(v, str):
        return StringType()
    if isinstance(v, (bytes, bytearray)):
        return BinaryType()
    if isinstance(v, decimal.Decimal):
        return DecimalType(38, 18)
    if isinstance(v, _dt.datetime):
        return TimestampType()
    if isinstance(v, _dt.date):
        return DateType()
    if isinstance(v, _dt.timedelta):
        return DayTimeIntervalType()
    if isinstance(v, (list, tuple)) and not isinstance(v, Row):
        el: DataType = NullType()
        for e in v:
            el = _merge(el, _infer_type(e, name), name)
        return ArrayType(el, True)
    if isinstance(v, dict):  # a dict value is a map, as PySpark infers it (a dict row is a Row)
        key: DataType = NullType()
        value: DataType = NullType()
        for k, x in v.items():
            key = _merge(key, _infer_type(k, name), name)
            value = _merge(value, _infer_type(x, name), name)
        return MapType(key, value, True)
    if isinstance(v, Row) and hasattr(v, "__fields__"):
        return StructType([StructField(k, _infer_type(x, k), True) for k, x in zip(v.__fields__, v)])
    raise PySparkTypeError("[CANNOT_INFER_TYPE_FOR_FIELD] Unable to infer the type of the field `%s` (%s)."
                           % (name, type(v).__name__), "CANNOT_INFER_TYPE_FOR_FIELD")


def _merge(a: DataType, b: DataType, name: str) -> DataType:
    if isinstance(a, NullType):
        return b
    if isinstance(b, NullType) or a == b:
        return a
    if isinstance(a, ArrayType) and isinstance(b, ArrayType):
        return ArrayType(_merge(a.elementType, b.elementType, name), True)
    if isinstance(a, MapType) and isinstance(b, MapType):
        return MapType(_merge(a.keyType, b.keyType, name), _merge(a.valueType, b.valueType, name), True)
    if isinstance(a, StructType) and isinstance(b, StructType):
        fields = {f.name: f.dataType for f in a.fields}
        for f in b.fields:
            fields[f.name] = _merge(fields.get(f.name, NullType()), f.dataType, f.name)
        return StructType([StructField(k, t, True) for k, t in fields.items()])
    raise PySparkTypeError("[CANNOT_MERGE_TYPE] Can not merge type %s and %s for field `%s`."
                           % (type(a).__name__, type(b).__name__, name), "CANNOT_MERGE_TYPE")


def _row_names(row: Any) -> Optional[List[str]]:
    if isinstance(row, dict):
        return sorted(row)
    if isinstance(row, Row) and hasattr(row, "__fields__"):
        return list(row.__fields__)
    return None


def _row_values(row: Any, names: Optional[List[str]], width: Optional[int]) -> Tuple[Any, ...]:
    if isinstance(row, dict):
        return tuple(row.get(n) for n in names) if names is not None else tuple(row[k] for k in sorted(row))
    if isinstance(row, Row) and hasattr(row, "__fields__") and names is not None:
        d = row.asDict()
        if all(n in d for n in names):
            return tuple(d[n] for n in names)
        return tuple(row)
    if isinstance(row, (tuple, list)):
        return tuple(row)
    if width == 1:
        return (row,)
    raise PySparkTypeError("[CANNOT_INFER_SCHEMA_FOR_TYPE] Can not infer schema for type: `%s`."
                           % type(row).__name__, "CANNOT_INFER_SCHEMA_FOR_TYPE")


def _prepare(rows: List[Any], schema: Any) -> Tuple[StructType, List[Tuple[Any, ...]]]:
    """The StructType and rows as tuples in its order, from createDataFrame's arguments."""
    if isinstance(schema, str):
        schema = _parse_datatype_string(schema)
    if isinstance(schema, DataType) and not isinstance(schema, StructType):
        struct = StructType([StructField("value", schema, True)])
        return struct, [_row_values(r, None, 1) if not isinstance(r, (tuple, list)) else tuple(r) for r in rows]
    if isinstance(schema, StructType):
        tuples = [_row_values(r, schema.names, len(schema.fields)) for r in rows]
        for t in tuples:
            if len(t) != len(schema.fields):
                raise PySparkValueError("[LENGTH_SHOULD_BE_THE_SAME] obj and fields should be of the same length, "
                                        "got %d and %d." % (len(t), len(schema.fields)), "LENGTH_SHOULD_BE_THE_SAME")
        return schema, tuples
    if schema is not None and not (isinstance(schema, (list, tuple)) and all(isinstance(s, str) for s in schema)):
        raise PySparkTypeError("[NOT_LIST_OR_NONE_OR_STRUCT] Argument `schema` should be a list, None, str or "
                               "StructType, got %s." % type(schema).__name__, "NOT_LIST_OR_NONE_OR_STRUCT")
    if not rows:
        raise PySparkValueError("[CANNOT_INFER_EMPTY_SCHEMA] Can not infer schema from an empty dataset.",
                                "CANNOT_INFER_EMPTY_SCHEMA")
    names = _row_names(rows[0])
    tuples = [_row_values(r, names, None) for r in rows]
    width = len(tuples[0])
    if names is None:
        names = ["_%d" % (i + 1) for i in range(width)]
    if schema is not None:
        names = list(schema) + names[len(schema):]
    types: List[DataType] = [NullType()] * width
    for t in tuples:
        if len(t) != width:
            raise PySparkValueError("[LENGTH_SHOULD_BE_THE_SAME] All rows should have %d values, got %d."
                                    % (width, len(t)), "LENGTH_SHOULD_BE_THE_SAME")
        types = [_merge(types[i], _infer_type(v, names[i]), names[i]) for i, v in enumerate(t)]
    for n, t in zip(names, types):
        if isinstance(t, NullType):
            raise PySparkValueError("[CANNOT_DETERMINE_TYPE] Some of types cannot be determined after inferring "
                                    "(column `%s` has only None values)." % n, "CANNOT_DETERMINE_TYPE")
    return StructType([StructField(n, t, True) for n, t in zip(names, types)]), tuples
