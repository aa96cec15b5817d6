"""DataFrameReader (``spark.read``) and DataFrameWriter (``df.write``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, TypeVar, Union

from ember.errors import PySparkTypeError, PySparkValueError
from ember.sql.types import StructType

if TYPE_CHECKING:
    from ember.sql.dataframe import DataFrame
    from ember.sql.session import SparkSession


def _opt(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# Formats that read or write files and so need a path; others (kafka) are configured by options alone.
_FILE_FORMATS = ("csv", "json", "text", "parquet", "orc")


def _paths(path: Union[str, List[str]]) -> List[str]:
    if isinstance(path, str):
        return [path]
    if isinstance(path, (list, tuple)) and all(isinstance(p, str) for p in path):
        return list(path)
    raise PySparkTypeError("[NOT_STR_OR_LIST_OF_STR] Argument `path` should be a str or list of str, got %s."
                           % type(path).__name__, "NOT_STR_OR_LIST_OF_STR")


_O = TypeVar("_O", bound="_Options")
_S = TypeVar("_S", bound="_ReaderSchema")
_P = TypeVar("_P", bound="_WriterPartitioning")


class _Options:
    """``option``/``options`` of the readers and writers, batch and streaming, kept in ``self._options``."""

    _options: Dict[str, str]

    def option(self: _O, key: str, value: Any) -> _O:
        """One option (values are passed as strings; bools as ``true``/``false``)."""
        self._options[key] = _opt(value)
        return self

    def options(self: _O, **options: Any) -> _O:
        """Several options; None values are ignored."""
        for k, v in options.items():
            if v is not None:
                self.option(k, v)
        return self


class _ReaderSchema:
    """``schema`` of the readers, batch and streaming, kept in ``self._schema`` as sent to the bridge."""

    _schema: Any

    def schema(self: _S, schema: Union[StructType, str]) -> _S:
        """The schema, as a StructType or a DDL string (``"a INT, ts TIMESTAMP"``)."""
        if isinstance(schema, StructType):
            self._schema = schema.jsonValue()
        elif isinstance(schema, str):
            self._schema = schema
        else:
            raise PySparkTypeError("[NOT_STR_OR_STRUCT] Argument `schema` should be a str or StructType, got %s."
                                   % type(schema).__name__, "NOT_STR_OR_STRUCT")
        return self


class _WriterPartitioning:
    """``partitionBy`` of the writers, batch and streaming, kept in ``self._partition_by``."""

    _partition_by: List[str]

    def partitionBy(self: _P, *cols: Union[str, List[str]]) -> _P:
        """Write one directory per value of these columns (``col=value/``)."""
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = tuple(cols[0])
        self._partition_by = [str(c) for c in cols]
        return self


class DataFrameReader(_Options, _ReaderSchema):
    """Loads DataFrames from files: ``spark.read.csv(path, header=True, inferSchema=True)``."""

    def __init__(self, spark: "SparkSession"):
        self._spark = spark
        self._format: Optional[str] = None
        self._options: Dict[str, str] = {}
        self._schema: Any = None

    def format(self, source: str) -> "DataFrameReader":
        """The input format: ``csv``, ``json`` or ``text``."""
        self._format = source
        return self

    def load(self, path: Union[str, List[str], None] = None, format: Optional[str] = None,
             schema: Union[StructType, str, None] = None, **options: Any) -> "DataFrame":
        """Load files in the configured (or given) format."""
        if format is not None:
            self.format(format)
        if schema is not None:
            self.schema(schema)
        self.options(**options)
        if path is None and (self._format or "parquet").lower() in _FILE_FORMATS:
            raise PySparkValueError("[CANNOT_BE_EMPTY] A path is needed to load files.", "CANNOT_BE_EMPTY")
        paths = [] if path is None else _paths(path)  # formats without files (kafka) take options only
        args: Dict[str, Any] = {"format": self._format or "parquet", "paths": paths, "options": self._options}
        if self._schema is not None:
            args["schema"] = self._schema
        header, _ = self._spark._request("read", **args)
        from ember.sql.dataframe import DataFrame, _node
        return DataFrame(_node("SourceScan", source=header["source"]), self._spark,
                         StructType.fromJson(header["schema"]))

    def csv(self, path: Union[str, List[str]], schema: Union[StructType, str, None] = None, sep: Optional[str] = None,
            encoding: Optional[str] = None, quote: Optional[str] = None, escape: Optional[str] = None,
            comment: Optional[str] = None, header: Any = None, inferSchema: Any = None,
            nullValue: Optional[str] = None, mode: Optional[str] = None, **options: Any) -> "DataFrame":
        """Load CSV files (PySpark's keyword options: header, inferSchema, sep, nullValue, mode, ...)."""
        self.options(sep=sep, encoding=encoding, quote=quote, escape=escape, comment=comment, header=header,
                     inferSchema=inferSchema, nullValue=nullValue, mode=mode, **options)
        return self.load(path, "csv", schema)

    def json(self, path: Union[str, List[str]], schema: Union[StructType, str, None] = None,
             mode: Optional[str] = None, **options: Any) -> "DataFrame":
        """Load JSON-lines files."""
        self.options(mode=mode, **options)
        return self.load(path, "json", schema)

    def text(self, paths: Union[str, List[str]], wholetext: bool = False, lineSep: Optional[str] = None,
             **options: Any) -> "DataFrame":
        """Load text files as one string column ``value``."""
        self.options(wholetext=wholetext if wholetext else None, lineSep=lineSep, **options)
        return self.load(paths, "text")

    def parquet(self, *paths: str, **options: Any) -> "DataFrame":
        """Load Parquet files (PySpark's keyword options: mergeSchema, ...); the schema comes from the files."""
        self.options(**options)
        return self.load(list(paths), "parquet")


class DataFrameWriter(_Options, _WriterPartitioning):
    """Saves a DataFrame to files: ``df.write.mode("overwrite").csv(path, header=True)``."""

    def __init__(self, df: "DataFrame"):
        self._df = df
        self._format: Optional[str] = None
        self._mode = "errorifexists"
        self._options: Dict[str, str] = {}
        self._partition_by: List[str] = []

    def format(self, source: str) -> "DataFrameWriter":
        """The output format: ``csv``, ``json``, ``text`` (or a provider's, e.g. ``parquet``); without one,
        ``spark.sql.sources.default``."""
        self._format = source
        return self

    def mode(self, saveMode: Optional[str]) -> "DataFrameWriter":
        """What to do when the path exists: ``error``/``errorifexists`` (default), ``overwrite``, ``append``,
        ``ignore``."""
        if saveMode is not None:
            self._mode = saveMode
        return self

    def save(self, path: Optional[str] = None, format: Optional[str] = None, mode: Optional[str] = None,
             partitionBy: Union[str, List[str], None] = None, **options: Any) -> None:
        """Write the DataFrame to ``path``."""
        if format is not None:
            self.format(format)
        self.mode(mode)
        if partitionBy is not None:
            self.partitionBy(partitionBy)
        self.options(**options)
        if path is None and (self._format or "parquet").lower() in _FILE_FORMATS:
            raise PySparkValueError("[CANNOT_BE_EMPTY] A path is needed to save files.", "CANNOT_BE_EMPTY")
        args = self._args()
        if path is not None:  # formats without files (kafka) take options only
            args["path"] = path
        self._df.sparkSession._request("write", **args)

    def _args(self) -> Dict[str, Any]:
        args: Dict[str, Any] = {"plan": self._df._plan, "mode": self._mode, "options": self._options,
                                "partitionBy": self._partition_by}
        if self._format is not None:  # else the session's spark.sql.sources.default
            args["format"] = self._format
        return args

    def saveAsTable(self, name: str, format: Optional[str] = None, mode: Optional[str] = None,
                    partitionBy: Union[str, List[str], None] = None, **options: Any) -> None:
        """Save the DataFrame as the persistent table ``name`` (``db.name`` for another database than default).

        A new table gets the DataFrame's schema (the ``partitionBy`` columns last) and the format set (else
        ``spark.sql.sources.default``): a managed table under ``spark.sql.warehouse.dir``, or an external one at the
        ``path`` option. For an existing table the save mode decides: ``error``/``errorifexists`` (the default)
        raises AnalysisException (TABLE_OR_VIEW_ALREADY_EXISTS), ``ignore`` does nothing, ``append`` adds the rows
        matching columns by name, ``overwrite`` replaces the table's rows and schema. ``spark.table(name)`` and SQL
        read it back; it outlives the session (see ``spark.catalog``).
        """
        if format is not None:
            self.format(format)
        self.mode(mode)
        if partitionBy is not None:
            self.partitionBy(partitionBy)
        self.options(**options)
        self._df.sparkSession._request("write", table=name, **self._args())

    def insertInto(self, tableName: str, overwrite: Optional[bool] = None) -> None:
        """Insert the rows into the existing table ``tableName``, matching columns by position (not by name) and
        casting them to the table's types; ``overwrite=True`` (or ``mode("overwrite")``) replaces every row of the
        table, else the rows are appended. AnalysisException when the table does not exist or the numbers of
        columns differ (INSERT_COLUMN_ARITY_MISMATCH)."""
        if overwrite is not None:
            self.mode("overwrite" if overwrite else "append")
        self._df.sparkSession._request("write", table=tableName, insertInto=True, **self._args())

    def csv(self, path: str, mode: Optional[str] = None, compression: Optional[str] = None, sep: Optional[str] = None,
            quote: Optional[str] = None, escape: Optional[str] = None, header: Any = None,
            nullValue: Optional[str] = None, **options: Any) -> None:
        """Write CSV files."""
        self.options(compression=compression, sep=sep, quote=quote, escape=escape, header=header,
                     nullValue=nullValue, **options)
        self.save(path, "csv", mode)

    def json(self, path: str, mode: Optional[str] = None, **options: Any) -> None:
        """Write JSON-lines files."""
        self.options(**options)
        self.save(path, "json", mode)

    def text(self, path: str, lineSep: Optional[str] = None, **options: Any) -> None:
        """Write a single string column as text lines."""
        self.options(lineSep=lineSep, **options)
        self.save(path, "text")

    def parquet(self, path: str, mode: Optional[str] = None, partitionBy: Union[str, List[str], None] = None,
                compression: Optional[str] = None) -> None:
        """Write Parquet files (``compression``: snappy, the default, none, gzip, zstd or lz4_raw)."""
        self.options(compression=compression)
        self.save(path, "parquet", mode, partitionBy)
