"""GroupedData: the result of ``DataFrame.groupBy``, aggregated with ``agg`` or a shortcut."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Union

from ember.errors import AnalysisException, PySparkTypeError, PySparkValueError
from ember.sql.column import Column, Expr, _col_expr
from ember.sql.types import DecimalType, DoubleType, IntegerType, LongType

if TYPE_CHECKING:
    from ember.sql.dataframe import DataFrame


def _fn(name: str, arg: Expr) -> Expr:
    return {"expr": "call", "name": name, "args": [arg], "distinct": False}


class GroupedData:
    """Rows grouped by key columns, as PySpark's ``GroupedData``; of ``rollup``/``cube`` when ``sets`` (the grouping
    sets, each a list of indices into ``grouping``) is given."""

    def __init__(self, df: "DataFrame", grouping: List[Expr], sets: Optional[List[List[int]]] = None):
        self._df = df
        self._grouping = grouping
        self._sets = sets

    def agg(self, *exprs: Union[Column, Dict[str, str]]) -> "DataFrame":
        """Aggregate with Columns (``F.sum("x").alias("s")``) or a dict of column to function name."""
        if not exprs:
            raise PySparkValueError("[CANNOT_BE_EMPTY] At least one aggregate expression must be specified.",
                                    "CANNOT_BE_EMPTY")
        if len(exprs) == 1 and isinstance(exprs[0], dict):
            aggregates = [self._by_name(c, f) for c, f in exprs[0].items()]
        else:
            for e in exprs:
                if not isinstance(e, Column):
                    raise PySparkTypeError("[NOT_COLUMN] agg takes Columns or one dict, got %s."
                                           % type(e).__name__, "NOT_COLUMN")
            aggregates = [e._expr for e in exprs]  # type: ignore[union-attr]
        return self._aggregate(aggregates)

    @staticmethod
    def _by_name(column: str, function: str) -> Expr:
        fn = function.lower()
        target = _col_expr(column)
        if fn in ("avg", "average", "mean"):
            return _fn("avg", target)
        if fn in ("stddev", "std"):
            return _fn("stddev", target)
        if fn in ("count", "size"):
            return _fn("count", target)
        return _fn(fn, target)

    def count(self) -> "DataFrame":
        """The number of rows of each group, in a column ``count``."""
        count = _fn("count", {"expr": "star", "qualifier": None})
        return self._aggregate([{"expr": "alias", "child": count, "name": "count"}])

    def _numeric(self, function: str, cols: tuple) -> "DataFrame":
        numeric = (IntegerType, LongType, DoubleType, DecimalType)
        if not cols:
            targets = [f.name for f in self._df.schema.fields if isinstance(f.dataType, numeric)]
        else:
            targets = []
            for name in cols:
                i = self._df._index_of(name)
                if i < 0:
                    raise self._df._unresolved(name)
                f = self._df.schema.fields[i]
                if not isinstance(f.dataType, numeric):
                    raise AnalysisException('[NOT_NUMERIC_COLUMN] "%s" is not a numeric column. Aggregation function '
                                            'can only be applied on a numeric column.' % f.name, "NOT_NUMERIC_COLUMN")
                targets.append(f.name)
        from ember.sql.dataframe import _ref
        return self._aggregate([_fn(function, _ref(t)) for t in targets])

    def sum(self, *cols: str) -> "DataFrame":
        """The sum of each numeric column (or of ``cols``) per group."""
        return self._numeric("sum", cols)

    def avg(self, *cols: str) -> "DataFrame":
        """The average of each numeric column (or of ``cols``) per group."""
        return self._numeric("avg", cols)

    mean = avg

    def min(self, *cols: str) -> "DataFrame":
        """The minimum of each numeric column (or of ``cols``) per group."""
        return self._numeric("min", cols)

    def max(self, *cols: str) -> "DataFrame":
        """The maximum of each numeric column (or of ``cols``) per group."""
        return self._numeric("max", cols)

    def _aggregate(self, aggregates: List[Expr]) -> "DataFrame":
        from ember.sql.dataframe import _node
        keys = [g["child"] if g["expr"] == "alias" else g for g in self._grouping]
        output = list(self._grouping) + aggregates
        if self._sets is not None:
            return self._df._with(_node("GroupingSets", grouping=list(self._grouping), sets=self._sets,
                                        aggregates=output, child=self._df._plan))
        return self._df._with(_node("Aggregate", grouping=keys, aggregates=output, child=self._df._plan))
