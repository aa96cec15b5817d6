"""Window specifications (``pyspark.sql.window``): ``Window.partitionBy("dept").orderBy(F.col("pay").desc())``.

A function becomes a window function with ``Column.over(spec)``. Without ``rowsBetween``/``rangeBetween`` a
window has Spark's default frame: with an order, RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (ties of the
current row included); without, the whole partition.
"""

from __future__ import annotations

import sys
from typing import Any, Dict, List, Optional, Tuple

from ember.sql.column import Column, _to_col

_JAVA_MIN_LONG = -(1 << 63)
_JAVA_MAX_LONG = (1 << 63) - 1
_PRECEDING_THRESHOLD = max(-sys.maxsize, _JAVA_MIN_LONG)
_FOLLOWING_THRESHOLD = min(sys.maxsize, _JAVA_MAX_LONG)


def _flatten(cols: Tuple[Any, ...]) -> List[Any]:
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        return list(cols[0])
    return list(cols)


class WindowSpec:
    """Partitioning, ordering and frame of a window. Immutable: every method returns a new spec."""

    def __init__(self, partition: Optional[List[Dict[str, Any]]] = None,
                 order: Optional[List[Dict[str, Any]]] = None, frame: Optional[Dict[str, Any]] = None) -> None:
        self._partition = partition or []
        self._order = order or []
        self._frame = frame

    def partitionBy(self, *cols: Any) -> "WindowSpec":
        """Partitions by columns or names, replacing any partitioning set before."""
        return WindowSpec([_to_col(c)._expr for c in _flatten(cols)], self._order, self._frame)

    def orderBy(self, *cols: Any) -> "WindowSpec":
        """Orders by columns or names (ascending, nulls first, unless a column says otherwise)."""
        order = []
        for c in _flatten(cols):
            e = _to_col(c)._expr
            order.append(e if e["expr"] == "sort" else {"expr": "sort", "child": e, "ascending": True,
                                                       "nullsFirst": True})
        return WindowSpec(self._partition, order, self._frame)

    def _between(self, kind: str, start: int, end: int) -> "WindowSpec":
        if start <= _PRECEDING_THRESHOLD:
            start = Window.unboundedPreceding
        if end >= _FOLLOWING_THRESHOLD:
            end = Window.unboundedFollowing
        return WindowSpec(self._partition, self._order, {"type": kind, "start": int(start), "end": int(end)})

    def rowsBetween(self, start: int, end: int) -> "WindowSpec":
        """A ROWS frame from ``start`` to ``end`` rows relative to the current row (negative: preceding)."""
        return self._between("rows", start, end)

    def rangeBetween(self, start: int, end: int) -> "WindowSpec":
        """A RANGE frame: rows whose single order key is within ``start``..``end`` of the current row's."""
        return self._between("range", start, end)

    def _json(self) -> Dict[str, Any]:
        return {"partitionBy": self._partition, "orderBy": self._order, "frame": self._frame}

    def __repr__(self) -> str:
        return "WindowSpec(%r)" % (self._json(),)


class Window:
    """Entry points for :class:`WindowSpec`, as PySpark's ``Window``."""

    unboundedPreceding: int = _JAVA_MIN_LONG
    unboundedFollowing: int = _JAVA_MAX_LONG
    currentRow: int = 0

    @staticmethod
    def partitionBy(*cols: Any) -> WindowSpec:
        return WindowSpec().partitionBy(*cols)

    @staticmethod
    def orderBy(*cols: Any) -> WindowSpec:
        return WindowSpec().orderBy(*cols)

    @staticmethod
    def rowsBetween(start: int, end: int) -> WindowSpec:
        return WindowSpec().rowsBetween(start, end)

    @staticmethod
    def rangeBetween(start: int, end: int) -> WindowSpec:
        return WindowSpec().rangeBetween(start, end)


__all__ = ["Window", "WindowSpec"]
