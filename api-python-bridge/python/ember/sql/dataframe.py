"""DataFrame: a lazily evaluated query; plans are built client-side and analyzed eagerly by the JVM."""

from __future__ import annotations

import itertools
import threading
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ember.errors import AnalysisException, IllegalArgumentException, PySparkTypeError, PySparkValueError
from ember.sql._row import Row
from ember.sql.column import Column, Expr, _col_expr, _lit_expr, _to_col
from ember.sql.types import StructType

if TYPE_CHECKING:
    from ember.sql.group import GroupedData
    from ember.sql.readwriter import DataFrameWriter
    from ember.sql.session import SparkSession
    from ember.sql.streaming.readwriter import DataStreamWriter
    from ember.storagelevel import StorageLevel

Plan = Dict[str, Any]
_plan_ids = itertools.count(1)
_plan_lock = threading.Lock()


def _next_plan_id() -> int:
    with _plan_lock:
        return next(_plan_ids)


def _node(kind: str, **fields: Any) -> Plan:
    plan = {"node": kind, "planId": _next_plan_id()}
    plan.update(fields)
    return plan


_JOIN_TYPES = {
    "inner": "inner", "cross": "cross",
    "outer": "full_outer", "full": "full_outer", "fullouter": "full_outer", "full_outer": "full_outer",
    "left": "left_outer", "leftouter": "left_outer", "left_outer": "left_outer",
    "right": "right_outer", "rightouter": "right_outer", "right_outer": "right_outer",
    "semi": "left_semi", "leftsemi": "left_semi", "left_semi": "left_semi",
    "anti": "left_anti", "leftanti": "left_anti", "left_anti": "left_anti",
}


def _join_type(how: str) -> str:
    key = how.lower().replace(" ", "")
    if key not in _JOIN_TYPES:
        raise IllegalArgumentException(
            "[UNSUPPORTED_JOIN_TYPE] Unsupported join type '%s'. Supported join types include: 'inner', 'outer', "
            "'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', "
            "'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'." % how,
            "UNSUPPORTED_JOIN_TYPE")
    return _JOIN_TYPES[key]


def _ref(name: str) -> Expr:
    """A reference to an existing column by its exact name (quoted when it holds a dot or backtick)."""
    if "." in name or "`" in name:
        name = "`" + name.replace("`", "``") + "`"
    return _col_expr(name)


def _sql_expr(text: str) -> Expr:
    """The expression JSON of a SQL expression string, translated by the JVM."""
    return {"expr": "sqlExpr", "text": text}


_NO_VALUE: Any = type("_NoValueType", (), {"__repr__": lambda self: "<no value>"})()


def _flatten(cols: Sequence[Any]) -> List[Any]:
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        return list(cols[0])
    return list(cols)


class DataFrame:
    """A distributed collection of rows with named columns, as PySpark's ``DataFrame``.

    Transformations return new DataFrames and are checked by the JVM at once (an unknown column fails at
    the call); actions (``collect``, ``count``, ``show``, ``write``) run the query.
    """

    def __init__(self, plan: Plan, session: "SparkSession", schema: Optional[StructType] = None,
                 streaming: bool = False):
        self._plan = plan
        self.sparkSession = session
        if schema is None:
            schema, streaming = session._analyze_plan(plan)
        self._schema = schema
        self._streaming = bool(streaming)

    def _with(self, plan: Plan) -> "DataFrame":
        return DataFrame(plan, self.sparkSession)

    @property
    def _plan_id(self) -> int:
        return self._plan["planId"]

    # ---- schema ----

    @property
    def schema(self) -> StructType:
        """The schema as a StructType."""
        return self._schema

    @property
    def columns(self) -> List[str]:
        """The column names."""
        return self._schema.fieldNames()

    @property
    def dtypes(self) -> List[Tuple[str, str]]:
        """(name, type string) of every column."""
        return [(f.name, f.dataType.simpleString()) for f in self._schema.fields]

    @property
    def isStreaming(self) -> bool:
        """True when this DataFrame reads a stream (``spark.readStream``): it runs only through
        ``writeStream``; batch actions on it fail."""
        return self._streaming

    def printSchema(self, level: Optional[int] = None) -> None:
        """Print the schema as a tree."""
        print(self._schema.treeString())

    def _index_of(self, name: str) -> int:
        for i, n in enumerate(self.columns):
            if n.lower() == name.lower():
                return i
        return -1

    def _unresolved(self, name: str) -> AnalysisException:
        names = ", ".join("`%s`" % n for n in self.columns)
        return AnalysisException(
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `%s` cannot be "
            "resolved. Did you mean one of the following? [%s]." % (name, names),
            "UNRESOLVED_COLUMN.WITH_SUGGESTION")

    # ---- column access ----

    def col(self, name: str) -> Column:
        """The column ``name`` of this DataFrame (bound to it, so it stays unambiguous after a join)."""
        if name == "*" or name.endswith(".*"):
            return Column(_col_expr(name, self._plan_id))
        if "." not in name and "`" not in name and self._index_of(name) < 0:
            raise self._unresolved(name)
        return Column({"expr": "col", "name": name, "planId": self._plan_id})

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, str):
            return self.col(item)
        if isinstance(item, Column):
            return self.filter(item)
        if isinstance(item, (list, tuple)):
            return self.select(*item)
        if isinstance(item, int):
            return self.col(self.columns[item])
        raise PySparkTypeError("[NOT_COLUMN_OR_INT_OR_LIST_OR_STR_OR_TUPLE] Unexpected item type: %s"
                               % type(item).__name__, "NOT_COLUMN_OR_INT_OR_LIST_OR_STR_OR_TUPLE")

    def __getattr__(self, name: str) -> Column:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._index_of(name) < 0:
            raise AttributeError("'DataFrame' object has no attribute '%s'" % name)
        return self.col(name)

    # ---- projections ----

    def select(self, *cols: Union[str, Column]) -> "DataFrame":
        """Project a set of expressions (names or Columns)."""
        exprs = [_to_col(c)._expr for c in _flatten(cols)]
        return self._with(_node("Project", projections=exprs, child=self._plan))

    def selectExpr(self, *expr: Union[str, List[str]]) -> "DataFrame":
        """Project a set of SQL expressions (``"a + 1 AS b"``, ``"upper(name)"``)."""
        texts = _flatten(expr)
        for t in texts:
            if not isinstance(t, str):
                raise PySparkTypeError("[NOT_STR] Argument `expr` should be a str, got %s." % type(t).__name__,
                                       "NOT_STR")
        return self._with(_node("Project", projections=[_sql_expr(t) for t in texts], child=self._plan))

    def filter(self, condition: Union[Column, str]) -> "DataFrame":
        """Keep the rows where ``condition`` (a Column or a SQL expression string such as ``"a > 1"``) is true."""
        if isinstance(condition, str):
            return self._with(_node("Filter", condition=_sql_expr(condition), child=self._plan))
        if not isinstance(condition, Column):
            raise PySparkTypeError("[NOT_COLUMN_OR_STR] Argument `condition` should be a Column or str, got %s."
                                   % type(condition).__name__, "NOT_COLUMN_OR_STR")
        return self._with(_node("Filter", condition=condition._expr, child=self._plan))

    where = filter

    def withColumn(self, colName: str, col: Column) -> "DataFrame":
        """Add or replace the column ``colName``."""
        if not isinstance(col, Column):
            raise PySparkTypeError("[NOT_COLUMN] Argument `col` should be a Column, got %s." % type(col).__name__,
                                   "NOT_COLUMN")
        return self.withColumns({colName: col})

    def withColumns(self, *colsMap: Dict[str, Column]) -> "DataFrame":
        """Add or replace several columns: ``withColumns({"a": col1, "b": col2})``."""
        if len(colsMap) != 1 or not isinstance(colsMap[0], dict):
            raise PySparkTypeError("[NOT_DICT] Argument `colsMap` should be a dict.", "NOT_DICT")
        mapping = colsMap[0]
        names = list(mapping)
        lowered = [n.lower() for n in names]
        for i, n in enumerate(lowered):
            if n in lowered[:i]:
                raise AnalysisException("[COLUMN_ALREADY_EXISTS] The column `%s` already exists. Choose another name "
                                        "or rename the existing column." % names[i], "COLUMN_ALREADY_EXISTS")
        projections: List[Expr] = []
        used = set()
        if all(self._index_of(n) < 0 for n in names):
            projections.append({"expr": "star", "qualifier": None})
        else:
            for existing in self.columns:
                match = next((n for n in names if n.lower() == existing.lower()), None)
                if match is not None:
                    used.add(match)
                    projections.append(mapping[match].alias(match)._expr)
                else:
                    projections.append(_ref(existing))
        for n in names:
            if n not in used:
                projections.append(mapping[n].alias(n)._expr)
        return self._with(_node("Project", projections=projections, child=self._plan))

    def withColumnRenamed(self, existing: str, new: str) -> "DataFrame":
        """Rename a column (no-op when it does not exist)."""
        return self.withColumnsRenamed({existing: new})

    def withColumnsRenamed(self, colsMap: Dict[str, str]) -> "DataFrame":
        """Rename several columns."""
        lowered = {k.lower(): v for k, v in colsMap.items()}
        if not any(c.lower() in lowered for c in self.columns):
            return self
        projections = [{"expr": "alias", "child": _ref(c), "name": lowered[c.lower()]} if c.lower() in lowered
                       else _ref(c) for c in self.columns]
        return self._with(_node("Project", projections=projections, child=self._plan))

    def toDF(self, *cols: str) -> "DataFrame":
        """The DataFrame with its columns renamed in order."""
        if len(cols) != len(self.columns):
            raise IllegalArgumentException(
                "[INVALID_PARAMETER_VALUE.TO_DF] The number of columns doesn't match. Old column names (%d): %s. New "
                "column names (%d): %s." % (len(self.columns), ", ".join(self.columns), len(cols), ", ".join(cols)),
                "INVALID_PARAMETER_VALUE.TO_DF")
        projections = [{"expr": "alias", "child": _ref(o), "name": n} for o, n in zip(self.columns, cols)]
        return self._with(_node("Project", projections=projections, child=self._plan))

    def drop(self, *cols: Union[str, Column]) -> "DataFrame":
        """Drop columns (names or Columns); unknown names are ignored, as in PySpark."""
        names = []
        for c in cols:
            if isinstance(c, str):
                names.append(c.lower())
            elif isinstance(c, Column) and c._expr["expr"] == "col":
                names.append(c._expr["name"].lower())
            elif not isinstance(c, Column):
                raise PySparkTypeError("[NOT_COLUMN_OR_STR] Argument `cols` should be a Column or str, got %s."
                                       % type(c).__name__, "NOT_COLUMN_OR_STR")
        kept = [c for c in self.columns if c.lower() not in names]
        if len(kept) == len(self.columns):
            return self
        return self._with(_node("Project", projections=[_ref(c) for c in kept], child=self._plan))

    # ---- aggregation ----

    def groupBy(self, *cols: Union[str, Column]) -> "GroupedData":
        """Group by the given columns, to aggregate with ``agg`` or a shortcut (``count``, ``sum``, ...)."""
        from ember.sql.group import GroupedData
        return GroupedData(self, [_to_col(c)._expr for c in _flatten(cols)])

    groupby = groupBy

    def rollup(self, *cols: Union[str, Column]) -> "GroupedData":
        """Aggregate over the grouping sets ``(c1..cn), (c1..cn-1), ..., ()``: subtotals down to a grand total, a
        column aggregated away being null (``F.grouping`` tells it from a null of the data)."""
        from ember.sql.group import GroupedData
        keys = [_to_col(c)._expr for c in _flatten(cols)]
        return GroupedData(self, keys, [list(range(n)) for n in range(len(keys), -1, -1)])

    def cube(self, *cols: Union[str, Column]) -> "GroupedData":
        """As ``rollup``, over every subset of the columns."""
        from ember.sql.group import GroupedData
        keys = [_to_col(c)._expr for c in _flatten(cols)]
        sets: List[List[int]] = [[]]
        for i in range(len(keys) - 1, -1, -1):  # Spark's order: (a, b), (a), (b), ()
            sets = [[i] + s for s in sets] + sets
        return GroupedData(self, keys, sets)

    def agg(self, *exprs: Union[Column, Dict[str, str]]) -> "DataFrame":
        """Aggregate over the whole DataFrame (``df.groupBy().agg(...)``)."""
        return self.groupBy().agg(*exprs)

    # ---- ordering, limits, duplicates ----

    def orderBy(self, *cols: Union[str, Column], ascending: Union[bool, int, List[Any], None] = None,
                **kwargs: Any) -> "DataFrame":
        """Sort by the given columns; ``ascending`` is a bool or a list of bools, one per column."""
        columns = [_to_col(c) for c in _flatten(cols)]
        if not columns:
            raise PySparkValueError("[CANNOT_BE_EMPTY] At least one column must be specified.", "CANNOT_BE_EMPTY")
        if ascending is not None:
            flags = ascending if isinstance(ascending, list) else [ascending] * len(columns)
            if len(flags) != len(columns):
                raise PySparkValueError("[MISMATCHED_LENGTH] ascending should have the same length as cols.",
                                        "MISMATCHED_LENGTH")
            columns = [c.asc() if bool(f) else c.desc() for c, f in zip(columns, flags)]
        order = [c._expr if c._expr["expr"] == "sort" else c.asc()._expr for c in columns]
        return self._with(_node("Sort", order=order, child=self._plan))

    sort = orderBy

    def limit(self, num: int) -> "DataFrame":
        """The first ``num`` rows."""
        if self._plan["node"] == "Limit" and self._plan["limit"] == 2147483647 and self._plan["offset"] > 0:
            return self._with(_node("Limit", limit=int(num), offset=self._plan["offset"], child=self._plan["child"]))
        return self._with(_node("Limit", limit=int(num), offset=0, child=self._plan))

    def offset(self, num: int) -> "DataFrame":
        """Skip the first ``num`` rows."""
        return self._with(_node("Limit", limit=2147483647, offset=int(num), child=self._plan))

    def distinct(self) -> "DataFrame":
        """The distinct rows (on a stream: an aggregation over all columns)."""
        return self._with(_node("Deduplicate", keys=[], child=self._plan, distinct=True))

    def repartition(self, numPartitions: Union[int, str, Column], *cols: Union[str, Column]) -> "DataFrame":
        """Redistribute the rows over an exchange: ``repartition(n)`` deals them round-robin into ``n``
        partitions, ``repartition(n, "k")`` hashes them on the columns, ``repartition("k")`` hashes them into
        ``spark.sql.shuffle.partitions`` partitions. The rows are unchanged."""
        if isinstance(numPartitions, int) and not isinstance(numPartitions, bool):
            n = numPartitions
        elif isinstance(numPartitions, (str, Column)):
            n, cols = 0, (numPartitions,) + tuple(cols)
        else:
            raise PySparkTypeError("[NOT_COLUMN_OR_STR] Argument `numPartitions` should be a Column or str, got %s."
                                   % type(numPartitions).__name__, "NOT_COLUMN_OR_STR")
        exprs = [_to_col(c)._expr for c in _flatten(cols)]
        return self._with(_node("Repartition", numPartitions=n, partitionExprs=exprs, shuffle=True,
                                child=self._plan))

    def coalesce(self, numPartitions: int) -> "DataFrame":
        """At most ``numPartitions`` partitions (unchanged when there are already that few)."""
        if not isinstance(numPartitions, int) or isinstance(numPartitions, bool):
            raise PySparkTypeError("[NOT_INT] Argument `numPartitions` should be an int, got %s."
                                   % type(numPartitions).__name__, "NOT_INT")
        return self._with(_node("Repartition", numPartitions=numPartitions, partitionExprs=[], shuffle=False,
                                child=self._plan))

    def dropDuplicates(self, subset: Optional[List[str]] = None) -> "DataFrame":
        """Drop duplicate rows, considering only ``subset`` columns when given. On a stream the first row per
        key is kept as it arrives and the keys are kept as state (evicted by a watermark on an event-time key)."""
        if subset is None:
            return self._with(_node("Deduplicate", keys=[], child=self._plan))
        return self._with(_node("Deduplicate", keys=self._key_names(subset), child=self._plan))

    drop_duplicates = dropDuplicates

    def _key_names(self, subset: Union[str, List[str]]) -> List[str]:
        if isinstance(subset, str):
            subset = [subset]
        if not isinstance(subset, (list, tuple)):
            raise PySparkTypeError("[NOT_LIST_OR_TUPLE] Argument `subset` should be a list or tuple, got %s."
                                   % type(subset).__name__, "NOT_LIST_OR_TUPLE")
        keys = []
        for name in subset:
            i = self._index_of(name)
            if i < 0:
                raise self._unresolved(name)
            keys.append(self.columns[i])
        return keys

    def dropDuplicatesWithinWatermark(self, subset: Optional[List[str]] = None) -> "DataFrame":
        """On a stream with a watermark: drop a row whose ``subset`` columns (all when None) equal an earlier
        row's while that earlier row's event time is within the watermark delay."""
        keys = [] if subset is None else self._key_names(subset)
        return self._with(_node("DeduplicateWithinWatermark", keys=keys, child=self._plan))

    drop_duplicates_within_watermark = dropDuplicatesWithinWatermark

    def withWatermark(self, eventTime: str, delayThreshold: str) -> "DataFrame":
        """Defines the event-time watermark of a stream: ``eventTime`` names the timestamp column, and rows more
        than ``delayThreshold`` (``"10 minutes"``) behind the largest event time of earlier micro-batches are late:
        stateful operators drop them, and append mode emits a window once the watermark passes its end. A no-op
        on a batch DataFrame."""
        if not eventTime or not isinstance(eventTime, str):
            raise PySparkTypeError("[NOT_STR] Argument `eventTime` should be a str, got %s."
                                   % type(eventTime).__name__, "NOT_STR")
        if not delayThreshold or not isinstance(delayThreshold, str):
            raise PySparkTypeError("[NOT_STR] Argument `delayThreshold` should be a str, got %s."
                                   % type(delayThreshold).__name__, "NOT_STR")
        return self._with(_node("EventTimeWatermark", eventTime=eventTime, delayThreshold=delayThreshold,
                                child=self._plan))

    drop_duplicates = dropDuplicates

    # ---- joins and set operations ----

    def join(self, other: "DataFrame", on: Union[str, List[str], Column, List[Column], None] = None,
             how: Optional[str] = None) -> "DataFrame":
        """Join with ``other`` on column names (``on="id"`` or a list) or a join condition Column."""
        if not isinstance(other, DataFrame):
            raise PySparkTypeError("[NOT_DATAFRAME] Argument `other` should be a DataFrame, got %s."
                                   % type(other).__name__, "NOT_DATAFRAME")
        join_type = _join_type(how) if how is not None else "inner"
        condition = None
        using: List[str] = []
        if on is None:
            if join_type == "inner":
                join_type = "cross"
        elif isinstance(on, str):
            using = [on]
        elif isinstance(on, Column):
            condition = on._expr
        elif isinstance(on, (list, tuple)) and all(isinstance(o, str) for o in on):
            using = list(on)
        elif isinstance(on, (list, tuple)) and all(isinstance(o, Column) for o in on) and on:
            cond = on[0]
            for o in on[1:]:
                cond = cond & o
            condition = cond._expr
        else:
            raise PySparkTypeError("[NOT_COLUMN_OR_LIST_OR_STR] Argument `on` should be a Column, list or str.",
                                   "NOT_COLUMN_OR_LIST_OR_STR")
        return self._with(_node("Join", left=self._plan, right=other._plan, joinType=join_type,
                                condition=condition, usingColumns=using))

    def crossJoin(self, other: "DataFrame") -> "DataFrame":
        """The Cartesian product with ``other``."""
        return self._with(_node("Join", left=self._plan, right=other._plan, joinType="cross", condition=None,
                                usingColumns=[]))

    def union(self, other: "DataFrame") -> "DataFrame":
        """The rows of both DataFrames, matched by position (duplicates kept, as SQL UNION ALL)."""
        return self._with(_node("Union", inputs=[self._plan, other._plan], byName=False, allowMissingColumns=False))

    unionAll = union

    def unionByName(self, other: "DataFrame", allowMissingColumns: bool = False) -> "DataFrame":
        """The rows of both DataFrames, matched by column name."""
        return self._with(_node("Union", inputs=[self._plan, other._plan], byName=True,
                                allowMissingColumns=bool(allowMissingColumns)))

    def intersect(self, other: "DataFrame") -> "DataFrame":
        """The distinct rows in both DataFrames (SQL INTERSECT), matched by position with NULL equal to NULL."""
        return self._set_operation(other, "intersect", False)

    def intersectAll(self, other: "DataFrame") -> "DataFrame":
        """As :meth:`intersect` keeping duplicates: a row appears as often as in the DataFrame holding fewer."""
        return self._set_operation(other, "intersect", True)

    def subtract(self, other: "DataFrame") -> "DataFrame":
        """The distinct rows of this DataFrame not in ``other`` (SQL EXCEPT), NULL equal to NULL."""
        return self._set_operation(other, "except", False)

    def exceptAll(self, other: "DataFrame") -> "DataFrame":
        """As :meth:`subtract` keeping duplicates: each row's count here less its count in ``other``."""
        return self._set_operation(other, "except", True)

    def _set_operation(self, other: "DataFrame", operation: str, keep_all: bool) -> "DataFrame":
        return self._with(_node("SetOperation", operation=operation, all=keep_all, left=self._plan,
                                right=other._plan))

    def alias(self, alias: str) -> "DataFrame":
        """The DataFrame under an alias, so ``F.col("alias.column")`` names its columns."""
        return self._with(_node("SubqueryAlias", alias=alias, child=self._plan))

    # ---- temporary views ----

    def createOrReplaceTempView(self, name: str) -> None:
        """Register this DataFrame as the temporary view ``name`` for ``spark.sql``, replacing one of that name."""
        self._create_view(name, True)

    def createTempView(self, name: str) -> None:
        """Register this DataFrame as the temporary view ``name``; an AnalysisException
        (TEMP_TABLE_OR_VIEW_ALREADY_EXISTS) when the name is taken."""
        self._create_view(name, False)

    def createOrReplaceGlobalTempView(self, name: str) -> None:
        """Register this DataFrame as the global temporary view ``global_temp.name``, which every session of the
        runtime sees, replacing one of that name."""
        self._create_view(name, True, True)

    def createGlobalTempView(self, name: str) -> None:
        """Register this DataFrame as the global temporary view ``global_temp.name`` (a plain ``name`` does not
        find it); an AnalysisException (TEMP_TABLE_OR_VIEW_ALREADY_EXISTS) when the name is taken."""
        self._create_view(name, False, True)

    def _create_view(self, name: str, replace: bool, is_global: bool = False) -> None:
        if not isinstance(name, str):
            raise PySparkTypeError("[NOT_STR] Argument `name` should be a str, got %s." % type(name).__name__,
                                   "NOT_STR")
        self.sparkSession._request("createTempView", plan=self._plan, name=name, replace=replace,
                                   **({"global": True} if is_global else {}))

    # ---- null handling ----

    @property
    def na(self) -> "DataFrameNaFunctions":
        """Functions for missing values (``df.na.fill``, ``df.na.drop``)."""
        return DataFrameNaFunctions(self)

    def fillna(self, value: Any, subset: Optional[Union[str, List[str]]] = None) -> "DataFrame":
        """Replace nulls with ``value`` (a number, string, bool, or a dict of column to value)."""
        return self.na.fill(value, subset)

    def dropna(self, how: str = "any", thresh: Optional[int] = None,
               subset: Optional[Union[str, List[str]]] = None) -> "DataFrame":
        """Drop rows with nulls (``how='any'`` or ``'all'``, or fewer than ``thresh`` non-nulls)."""
        return self.na.drop(how, thresh, subset)

    def replace(self, to_replace: Any, value: Any = _NO_VALUE,
                subset: Optional[Union[str, List[str], Tuple[str, ...]]] = None) -> "DataFrame":
        """Replace values by others (``df.replace(10, 20)``, ``df.replace(["a", "b"], ["x", None], "name")``,
        ``df.replace({"a": "x"})``) in the columns of the replaced values' type: numbers in numeric columns,
        strings in string columns, booleans in boolean columns; all columns, or ``subset``."""
        return self.na.replace(to_replace, value, subset)

    def describe(self, *cols: Union[str, List[str]]) -> "DataFrame":
        """count, mean, stddev, min and max of the numeric and string columns (or of ``cols``), as strings."""
        names = _flatten(cols)
        selected = self.select(*names) if names else self
        return selected._with(_node("Summary", statistics=["count", "mean", "stddev", "min", "max"],
                                    child=selected._plan))

    def summary(self, *statistics: Union[str, List[str]]) -> "DataFrame":
        """The given statistics (default count, mean, stddev, min, 25%, 50%, 75%, max) of the numeric and string
        columns, one row per statistic; percentiles are exact (the value at rank ceil(p * n))."""
        stats = _flatten(statistics)
        for st in stats:
            if not isinstance(st, str):
                raise PySparkTypeError("[NOT_LIST_OF_STR] Argument `statistics` should be a list[str], got %s."
                                       % type(st).__name__, "NOT_LIST_OF_STR")
        return self._with(_node("Summary", statistics=stats, child=self._plan))

    # ---- actions ----

    def collect(self) -> List[Row]:
        """All rows, as a list of Row."""
        return self.sparkSession._collect(self._plan)

    def toLocalIterator(self, prefetchPartitions: bool = False) -> Iterable[Row]:
        """An iterator over all rows."""
        return iter(self.collect())

    def count(self) -> int:
        """The number of rows."""
        header, _ = self.sparkSession._request("count", plan=self._plan)
        return int(header["count"])

    def take(self, num: int) -> List[Row]:
        """The first ``num`` rows."""
        return self.limit(num).collect()

    def head(self, n: Optional[int] = None) -> Union[Row, None, List[Row]]:
        """The first row (None if empty), or a list of the first ``n`` rows."""
        if n is None:
            rows = self.take(1)
            return rows[0] if rows else None
        return self.take(n)

    def first(self) -> Optional[Row]:
        """The first row, or None if empty."""
        return self.head()

    def tail(self, num: int) -> List[Row]:
        """The last ``num`` rows."""
        rows = self.collect()
        return rows[-num:] if num > 0 else []

    def isEmpty(self) -> bool:
        """True when the DataFrame has no rows."""
        return len(self.take(1)) == 0

    def toPandas(self) -> Any:
        """The rows as a pandas DataFrame (needs pandas)."""
        try:
            import pandas as pd  # type: ignore[import-not-found]
        except ImportError:
            raise ImportError("toPandas() needs pandas, which is not installed; use collect() for a list of Row.") \
                from None
        rows = self.collect()
        return pd.DataFrame.from_records([tuple(r) for r in rows], columns=self.columns)

    def show(self, n: int = 20, truncate: Union[bool, int] = True, vertical: bool = False) -> None:
        """Print the first ``n`` rows as a table (``truncate``: True = 20 characters, or a width)."""
        print(self._show_string(n, truncate, vertical))

    def _show_string(self, n: int = 20, truncate: Union[bool, int] = True, vertical: bool = False) -> str:
        if isinstance(truncate, bool):
            width = 20 if truncate else 0
        elif isinstance(truncate, int):
            width = truncate
        else:
            raise PySparkTypeError("[NOT_BOOL] Argument `truncate` should be a bool or int, got %s."
                                   % type(truncate).__name__, "NOT_BOOL")
        if not isinstance(n, int) or isinstance(n, bool):
            raise PySparkTypeError("[NOT_INT] Argument `n` should be an int, got %s." % type(n).__name__, "NOT_INT")
        header, _ = self.sparkSession._request("show", plan=self._plan, n=n, truncate=width, vertical=bool(vertical))
        return header["text"]

    def explain(self, extended: Union[bool, str, None] = None, mode: Optional[str] = None) -> None:
        """Print the query plan (``extended=True`` or ``mode="extended"`` for all plans)."""
        if isinstance(extended, str):
            mode, extended = extended, None
        chosen = mode or ("extended" if extended else "simple")
        header, _ = self.sparkSession._request("explain", plan=self._plan, mode=chosen)
        print(header["text"])

    @property
    def write(self) -> "DataFrameWriter":
        """The writer that saves this DataFrame."""
        from ember.sql.readwriter import DataFrameWriter
        return DataFrameWriter(self)

    @property
    def writeStream(self) -> "DataStreamWriter":
        """The writer that starts a streaming query over this streaming DataFrame (``df.writeStream.format(
        "console").start()``); AnalysisException on a batch DataFrame, as PySpark."""
        from ember.sql.streaming.readwriter import DataStreamWriter
        if not self._streaming:
            raise AnalysisException("[WRITE_STREAM_NOT_ALLOWED] 'writeStream' can be called only on streaming "
                                    "Dataset/DataFrame.", "WRITE_STREAM_NOT_ALLOWED")
        return DataStreamWriter(self)

    def cache(self) -> "DataFrame":
        """Persists this DataFrame at ``StorageLevel.MEMORY_AND_DISK_DESER`` (PySpark's default); see ``persist``."""
        return self.persist()

    def persist(self, storageLevel: Any = None) -> "DataFrame":
        """Marks this DataFrame to be cached and returns it. Lazy, as in PySpark: the first action over it (or over a
        DataFrame built on it) keeps its result batches in the JVM's memory and later actions read them instead of
        the sources. The session's cached bytes are bounded by ``ember.cache.maxBytes``; a result over the budget is
        recomputed by each action. AnalysisException for a streaming DataFrame."""
        from ember.storagelevel import StorageLevel
        level = StorageLevel.MEMORY_AND_DISK_DESER if storageLevel is None else storageLevel
        if not isinstance(level, StorageLevel):
            raise PySparkTypeError("[NOT_STORAGELEVEL] Argument `storageLevel` should be a StorageLevel, got %s."
                                   % type(level).__name__, "NOT_STORAGELEVEL")
        self.sparkSession._request("persist", plan=self._plan, storageLevel=level._to_json())
        return self

    def unpersist(self, blocking: bool = False) -> "DataFrame":
        """Drops this DataFrame's cached data (later actions recompute it) and returns it."""
        self.sparkSession._request("unpersist", plan=self._plan, blocking=bool(blocking))
        return self

    @property
    def storageLevel(self) -> "StorageLevel":
        """The level this DataFrame is cached at; ``StorageLevel.NONE`` when it is not cached."""
        from ember.storagelevel import StorageLevel
        header, _ = self.sparkSession._request("storageLevel", plan=self._plan)
        return StorageLevel._from_json(header["storageLevel"])

    @property
    def is_cached(self) -> bool:
        """Whether this DataFrame is cached (``persist``/``cache`` called and not ``unpersist``)."""
        from ember.storagelevel import StorageLevel
        return self.storageLevel != StorageLevel.NONE

    def __repr__(self) -> str:
        return "DataFrame[%s]" % ", ".join("%s: %s" % (n, t) for n, t in self.dtypes)


class DataFrameNaFunctions:
    """Missing-value functions of a DataFrame (``df.na``)."""

    def __init__(self, df: DataFrame):
        self.df = df

    def _resolve(self, name: str) -> str:
        i = self.df._index_of(name)
        if i < 0:
            raise self.df._unresolved(name)
        return self.df.columns[i]

    def drop(self, how: str = "any", thresh: Optional[int] = None,
             subset: Optional[Union[str, List[str], Tuple[str, ...]]] = None) -> DataFrame:
        """Drop rows with nulls in ``subset`` (all columns by default)."""
        if how not in ("any", "all"):
            raise PySparkValueError("[VALUE_NOT_ANY_OR_ALL] Value for `how` must be 'any' or 'all', got '%s'." % how,
                                    "VALUE_NOT_ANY_OR_ALL")
        cols = [subset] if isinstance(subset, str) else list(subset) if subset is not None else self.df.columns
        if thresh is None:
            thresh = len(cols) if how == "any" else 1
        present = [Column({"expr": "op", "op": "IS_NOT_NULL", "args": [_ref(self._resolve(c))]}) for c in cols]
        if thresh <= 0:
            return self.df
        if thresh > len(present):
            cond = Column(_lit_expr(False))
        elif thresh == len(present):
            cond = present[0]
            for p in present[1:]:
                cond = cond & p
        elif thresh == 1:
            cond = present[0]
            for p in present[1:]:
                cond = cond | p
        else:
            from ember.sql.functions import when
            total = when(present[0], 1).otherwise(0)
            for p in present[1:]:
                total = total + when(p, 1).otherwise(0)
            cond = total >= thresh
        return self.df.filter(cond)

    def fill(self, value: Any, subset: Optional[Union[str, List[str], Tuple[str, ...]]] = None) -> DataFrame:
        """Replace nulls with ``value`` in the columns of a matching type (or a dict of column to value)."""
        from ember.sql.types import BooleanType, DecimalType, DoubleType, IntegerType, LongType, StringType
        if isinstance(value, dict):
            by_col = {self._resolve(k): v for k, v in value.items()}
            for k, v in by_col.items():
                if not isinstance(v, (int, float, str, bool)):
                    raise PySparkTypeError("[NOT_BOOL_OR_FLOAT_OR_INT_OR_STR] Unsupported fill value %r for column "
                                           "`%s`." % (v, k), "NOT_BOOL_OR_FLOAT_OR_INT_OR_STR")
            return self._project(lambda f: by_col.get(f.name))
        if not isinstance(value, (int, float, str, bool)):
            raise PySparkTypeError("[NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_STR] Argument `value` should be a bool, "
                                   "dict, float, int or str, got %s." % type(value).__name__,
                                   "NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_STR")
        targets = ([self._resolve(subset)] if isinstance(subset, str) else [self._resolve(s) for s in subset]
                   if subset is not None else self.df.columns)
        if isinstance(value, bool):
            kinds: Tuple[type, ...] = (BooleanType,)
        elif isinstance(value, (int, float)):
            kinds = (IntegerType, LongType, DoubleType, DecimalType)
        else:
            kinds = (StringType,)
        return self._project(lambda f: value if f.name in targets and isinstance(f.dataType, kinds) else None)

    def replace(self, to_replace: Any, value: Any = _NO_VALUE,
                subset: Optional[Union[str, List[str], Tuple[str, ...]]] = None) -> DataFrame:
        """Replace values by others, as PySpark's ``DataFrame.replace``: ``to_replace`` a bool, number, string,
        list or dict (then ``value`` may be omitted); ``value`` a scalar, None or a list as long as
        ``to_replace``. Keys and values must all be bools, all numbers or all strings (values may be None)."""
        if isinstance(to_replace, dict):  # value is ignored, as in PySpark
            pairs = list(to_replace.items())
        else:
            if value is _NO_VALUE:
                raise PySparkTypeError("[ARGUMENT_REQUIRED] Argument `value` is required when argument "
                                       "`to_replace` is not a dictionary.", "ARGUMENT_REQUIRED")
            if not isinstance(to_replace, (bool, int, float, str, list, tuple)):
                raise PySparkTypeError("[NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_LIST_OR_STR_OR_TUPLE] Argument "
                                       "`to_replace` should be a bool, dict, float, int, list, str or tuple, got "
                                       "%s." % type(to_replace).__name__,
                                       "NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_LIST_OR_STR_OR_TUPLE")
            if value is not None and not isinstance(value, (bool, int, float, str, list, tuple)):
                raise PySparkTypeError("[NOT_BOOL_OR_FLOAT_OR_INT_OR_LIST_OR_NONE_OR_STR_OR_TUPLE] Argument "
                                       "`value` should be a bool, float, int, list, None, str or tuple, got %s."
                                       % type(value).__name__,
                                       "NOT_BOOL_OR_FLOAT_OR_INT_OR_LIST_OR_NONE_OR_STR_OR_TUPLE")
            keys = list(to_replace) if isinstance(to_replace, (list, tuple)) else [to_replace]
            values = list(value) if isinstance(value, (list, tuple)) else [value] * len(keys)
            if len(keys) != len(values):
                raise PySparkValueError("[LENGTH_SHOULD_BE_THE_SAME] to_replace and value should be of the same "
                                        "length, got %d and %d." % (len(keys), len(values)),
                                        "LENGTH_SHOULD_BE_THE_SAME")
            pairs = list(zip(keys, values))
        if subset is not None and not isinstance(subset, (str, list, tuple)):
            raise PySparkTypeError("[NOT_LIST_OR_STR_OR_TUPLE] Argument `subset` should be a list, str or tuple, "
                                   "got %s." % type(subset).__name__, "NOT_LIST_OR_STR_OR_TUPLE")

        def kind(v: Any) -> str:
            return "bool" if isinstance(v, bool) else "number" if isinstance(v, (int, float)) \
                else "str" if isinstance(v, str) else "other"

        kinds = {kind(k) for k, _ in pairs} | {kind(v) for _, v in pairs if v is not None}
        if len(kinds) > 1 or "other" in kinds:
            raise PySparkValueError("[MIXED_TYPE_REPLACEMENT] Mixed type replacements are not supported.",
                                    "MIXED_TYPE_REPLACEMENT")
        if not pairs:
            return self.df
        columns = ["*"] if subset is None else [subset] if isinstance(subset, str) else list(subset)
        columns = self.df.columns if columns == ["*"] else [self._resolve(c) for c in columns]
        return self.df._with(_node("Replace", columns=columns, replacement=[[k, v] for k, v in pairs],
                                   child=self.df._plan))

    def _project(self, value_for: Any) -> DataFrame:
        from ember.sql.functions import coalesce, lit
        projections = []
        changed = False
        for f in self.df.schema.fields:
            v = value_for(f)
            if v is None:
                projections.append(_ref(f.name))
            else:
                changed = True
                filled = coalesce(Column(_ref(f.name)), lit(v).cast(f.dataType)).alias(f.name)
                projections.append(filled._expr)
        if not changed:
            return self.df
        return self.df._with(_node("Project", projections=projections, child=self.df._plan))
