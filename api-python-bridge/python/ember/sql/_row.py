"""Row: a tuple with named fields, as PySpark's ``pyspark.sql.Row``."""

from __future__ import annotations

import functools
from typing import Any, Dict, Iterable, List, Tuple


class Row(tuple):
    """A row of a DataFrame: a tuple whose fields can also be read by name.

    >>> row = Row(name="Alice", age=11)
    >>> row
    Row(name='Alice', age=11)
    >>> row.name, row["age"]
    ('Alice', 11)

    ``Row("name", "age")`` makes a row "class" that builds rows when called: ``Person("Bob", 3)``.
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> "Row":
        if args and kwargs:
            raise ValueError("Can not use both args and kwargs to create Row")
        if kwargs:
            row = tuple.__new__(cls, list(kwargs.values()))
            row.__fields__ = list(kwargs.keys())
            return row
        return tuple.__new__(cls, args)

    def asDict(self, recursive: bool = False) -> Dict[str, Any]:
        """The row as a dict of field name to value (nested Rows converted too when ``recursive``)."""
        if not hasattr(self, "__fields__"):
            raise TypeError("Cannot convert a Row class into dict")
        if recursive:
            def conv(obj: Any) -> Any:
                if isinstance(obj, Row):
                    return obj.asDict(True)
                if isinstance(obj, list):
                    return [conv(o) for o in obj]
                if isinstance(obj, dict):
                    return {k: conv(v) for k, v in obj.items()}
                return obj
            return dict(zip(self.__fields__, (conv(o) for o in self)))
        return dict(zip(self.__fields__, self))

    def __contains__(self, item: Any) -> bool:
        if hasattr(self, "__fields__"):
            return item in self.__fields__
        return super().__contains__(item)

    def __call__(self, *args: Any) -> "Row":
        """A Row with this row's values as field names and ``args`` as values."""
        if len(args) > len(self):
            raise ValueError("Can not create Row with fields %s, expected %d values but got %s"
                             % (self, len(self), args))
        return _make_row(list(self), list(args))

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, (int, slice)):
            return super().__getitem__(item)
        try:
            idx = self.__fields__.index(item)
        except (IndexError, AttributeError, ValueError):
            raise KeyError(item) from None
        return super().__getitem__(idx)

    def __getattr__(self, item: str) -> Any:
        if item.startswith("__"):
            raise AttributeError(item)
        try:
            idx = self.__fields__.index(item)
        except (IndexError, AttributeError, ValueError):
            raise AttributeError(item) from None
        return self[idx]

    def __setattr__(self, key: str, value: Any) -> None:
        if key != "__fields__":
            raise RuntimeError("Row is read-only")
        self.__dict__[key] = value

    def __reduce__(self) -> Any:
        if hasattr(self, "__fields__"):
            return (_make_row, (self.__fields__, tuple(self)))
        return tuple.__reduce__(self)

    def __repr__(self) -> str:
        if hasattr(self, "__fields__"):
            return "Row(%s)" % ", ".join("%s=%r" % (k, v) for k, v in zip(self.__fields__, tuple(self)))
        return "<Row(%s)>" % ", ".join(repr(field) for field in self)


def _make_row(fields: List[str], values: Any) -> Row:
    row = tuple.__new__(Row, list(values))
    row.__fields__ = list(fields)
    return row


@functools.lru_cache(maxsize=256)
def _row_class(fields: Tuple[str, ...]) -> type:
    """A Row subclass whose rows share the field names (rows decoded from a batch are built with it)."""
    return type("Row", (Row,), {"__fields__": list(fields), "__module__": Row.__module__})


def _make_rows(fields: List[str], rows: Iterable[Any]) -> List[Row]:
    """Rows of value tuples that share ``fields``."""
    cls = _row_class(tuple(fields))
    new = tuple.__new__
    return [new(cls, values) for values in rows]
