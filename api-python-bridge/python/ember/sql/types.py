"""Data types of Ember DataFrames, with PySpark's names, JSON and string forms."""

from __future__ import annotations

import json
import re
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

__all__ = [
    "DataType", "NullType", "BooleanType", "IntegerType", "LongType", "FloatType", "DoubleType",
    "StringType", "BinaryType", "DateType", "TimestampType", "DecimalType", "ArrayType", "MapType", "StructField", "StructType",
    "ShortType", "ByteType", "DayTimeIntervalType", "YearMonthIntervalType",
    "_parse_datatype_json_value", "_parse_datatype_string",
]


class DataType:
    """Base class of every data type."""

    def __repr__(self) -> str:
        return self.__class__.__name__ + "()"

    def __hash__(self) -> int:
        return hash(str(self))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, self.__class__) and self.__dict__ == other.__dict__

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    @classmethod
    def typeName(cls) -> str:
        """The type's name, e.g. ``integer``."""
        return cls.__name__[:-4].lower()

    def simpleString(self) -> str:
        """The type as Spark's short SQL-like string, e.g. ``int`` or ``array<string>``."""
        return self.typeName()

    def jsonValue(self) -> Any:
        """The type as a JSON-compatible value (a string for simple types)."""
        return self.typeName()

    def json(self) -> str:
        """The type as a JSON string."""
        return json.dumps(self.jsonValue(), separators=(",", ":"), sort_keys=True)

    @classmethod
    def fromJson(cls, json_value: Any) -> "DataType":
        """The type a ``jsonValue()`` describes."""
        return _parse_datatype_json_value(json_value)


class NullType(DataType):
    """The type of NULL (``void``)."""

    @classmethod
    def typeName(cls) -> str:
        return "void"

    def jsonValue(self) -> Any:
        return "null"


class BooleanType(DataType):
    """Boolean values."""


class IntegerType(DataType):
    """32-bit signed integers."""

    def simpleString(self) -> str:
        return "int"


class LongType(DataType):
    """64-bit signed integers."""

    def simpleString(self) -> str:
        return "bigint"


class ShortType(IntegerType):
    """Accepted for PySpark compatibility; Ember stores it as a 32-bit integer."""

    @classmethod
    def typeName(cls) -> str:
        return "integer"


class ByteType(IntegerType):
    """Accepted for PySpark compatibility; Ember stores it as a 32-bit integer."""

    @classmethod
    def typeName(cls) -> str:
        return "integer"


class DoubleType(DataType):
    """64-bit floating point numbers."""


class FloatType(DoubleType):
    """Accepted for PySpark compatibility; Ember stores floats as 64-bit doubles."""

    @classmethod
    def typeName(cls) -> str:
        return "double"


class StringType(DataType):
    """UTF-8 strings."""


class BinaryType(DataType):
    """Byte sequences; values are ``bytearray`` in collected rows (``bytes`` and ``bytearray`` are accepted)."""


class DateType(DataType):
    """Calendar dates (days since 1970-01-01)."""


class TimestampType(DataType):
    """Instants in microseconds since the epoch, UTC."""


class _AnsiIntervalType(DataType):
    """What the two ANSI interval types share: a start and an end field (numbered in ``_fields``, widest first),
    written ``interval <start>`` or ``interval <start> to <end>``."""

    _fields: Dict[int, str] = {}
    _default: Tuple[int, int] = (0, 0)

    def __init__(self, startField: Optional[int] = None, endField: Optional[int] = None):
        if startField is None and endField is None:
            startField, endField = self._default
        elif endField is None:
            endField = startField
        if startField not in self._fields or endField not in self._fields or startField > endField:
            raise TypeError("interval (%s, %s) is invalid" % (startField, endField))
        self.startField = startField
        self.endField = endField

    def _str_repr(self) -> str:
        start = self._fields[self.startField]
        end = self._fields[self.endField]
        return "interval %s" % start if start == end else "interval %s to %s" % (start, end)

    def simpleString(self) -> str:
        return self._str_repr()

    def jsonValue(self) -> Any:
        return self._str_repr()

    def __repr__(self) -> str:
        return "%s(%d, %d)" % (type(self).__name__, self.startField, self.endField)


class DayTimeIntervalType(_AnsiIntervalType):
    """ANSI day-time intervals, ``interval day to second`` and narrower: microseconds, collected as
    ``datetime.timedelta``. The fields only say how a value is written."""

    DAY = 0
    HOUR = 1
    MINUTE = 2
    SECOND = 3
    _fields = {DAY: "day", HOUR: "hour", MINUTE: "minute", SECOND: "second"}
    _inverted_fields = dict(zip(_fields.values(), _fields.keys()))
    _default = (DAY, SECOND)


class YearMonthIntervalType(_AnsiIntervalType):
    """ANSI year-month intervals, ``interval year to month``, ``interval year`` or ``interval month``: a number
    of months, collected as an ``int`` as PySpark does."""

    YEAR = 0
    MONTH = 1
    _fields = {YEAR: "year", MONTH: "month"}
    _inverted_fields = dict(zip(_fields.values(), _fields.keys()))
    _default = (YEAR, MONTH)


_INTERVAL = re.compile(r"interval\s+(year|month|day|hour|minute|second)(?:\s+to\s+(year|month|day|hour|minute|second))?")


def _interval_type(text: str) -> Optional[DataType]:
    """The interval type Spark names ``text`` (``interval day to second``), or None."""
    m = _INTERVAL.fullmatch(text.strip().lower())
    if not m:
        return None
    start, end = m.group(1), m.group(2) or m.group(1)
    for cls in (DayTimeIntervalType, YearMonthIntervalType):
        if start in cls._inverted_fields and end in cls._inverted_fields:
            s, e = cls._inverted_fields[start], cls._inverted_fields[end]
            return cls(s, e) if s <= e else None
    return None


class DecimalType(DataType):
    """Fixed precision decimals: ``DecimalType(precision=10, scale=0)``."""

    def __init__(self, precision: int = 10, scale: int = 0):
        self.precision = precision
        self.scale = scale

    def simpleString(self) -> str:
        return "decimal(%d,%d)" % (self.precision, self.scale)

    def jsonValue(self) -> Any:
        return "decimal(%d,%d)" % (self.precision, self.scale)

    def __repr__(self) -> str:
        return "DecimalType(%d,%d)" % (self.precision, self.scale)


class ArrayType(DataType):
    """Arrays of ``elementType``."""

    def __init__(self, elementType: DataType, containsNull: bool = True):
        if not isinstance(elementType, DataType):
            raise TypeError("elementType %r should be an instance of DataType" % (elementType,))
        self.elementType = elementType
        self.containsNull = containsNull

    def simpleString(self) -> str:
        return "array<%s>" % self.elementType.simpleString()

    def jsonValue(self) -> Any:
        return {"type": "array", "elementType": self.elementType.jsonValue(), "containsNull": self.containsNull}

    def __repr__(self) -> str:
        return "ArrayType(%r, %s)" % (self.elementType, self.containsNull)


class MapType(DataType):
    """Maps from ``keyType`` keys (never null) to ``valueType`` values; Python values are dicts."""

    def __init__(self, keyType: DataType, valueType: DataType, valueContainsNull: bool = True):
        for what, t in (("keyType", keyType), ("valueType", valueType)):
            if not isinstance(t, DataType):
                raise TypeError("%s %r should be an instance of DataType" % (what, t))
        self.keyType = keyType
        self.valueType = valueType
        self.valueContainsNull = valueContainsNull

    def simpleString(self) -> str:
        return "map<%s,%s>" % (self.keyType.simpleString(), self.valueType.simpleString())

    def jsonValue(self) -> Any:
        return {"type": "map", "keyType": self.keyType.jsonValue(), "valueType": self.valueType.jsonValue(),
                "valueContainsNull": self.valueContainsNull}

    def __repr__(self) -> str:
        return "MapType(%r, %r, %s)" % (self.keyType, self.valueType, self.valueContainsNull)


class StructField(DataType):
    """A named field of a struct: ``StructField("a", IntegerType(), True)``."""

    def __init__(self, name: str, dataType: DataType, nullable: bool = True, metadata: Optional[dict] = None):
        if not isinstance(name, str):
            raise TypeError("field name %r should be a string" % (name,))
        if not isinstance(dataType, DataType):
            raise TypeError("dataType %r should be an instance of DataType" % (dataType,))
        self.name = name
        self.dataType = dataType
        self.nullable = nullable
        self.metadata = metadata or {}

    def simpleString(self) -> str:
        return "%s:%s" % (self.name, self.dataType.simpleString())

    def jsonValue(self) -> Any:
        return {"name": self.name, "type": self.dataType.jsonValue(), "nullable": self.nullable,
                "metadata": self.metadata}

    @classmethod
    def fromJson(cls, json_value: dict) -> "StructField":
        """The field a ``jsonValue()`` describes."""
        return StructField(json_value["name"], _parse_datatype_json_value(json_value["type"]),
                           json_value.get("nullable", True), json_value.get("metadata") or {})

    def typeName(self) -> str:  # type: ignore[override]
        raise TypeError("StructField does not have typeName. Use typeName on its type explicitly instead.")

    def __repr__(self) -> str:
        return "StructField(%r, %r, %s)" % (self.name, self.dataType, self.nullable)


class StructType(DataType):
    """A struct (and a DataFrame's schema): a list of StructFields."""

    def __init__(self, fields: Optional[List[StructField]] = None):
        self.fields: List[StructField] = list(fields or [])
        for f in self.fields:
            if not isinstance(f, StructField):
                raise TypeError("fields should be a list of StructField, got %r" % (f,))
        self.names = [f.name for f in self.fields]

    def add(self, field: Union[str, StructField], data_type: Union[str, DataType, None] = None,
            nullable: bool = True, metadata: Optional[dict] = None) -> "StructType":
        """Append a field (a StructField, or a name and a type or type string) and return this struct."""
        if isinstance(field, StructField):
            self.fields.append(field)
        else:
            if data_type is None:
                raise ValueError("Must specify DataType if passing name of struct_field to create.")
            dt = _parse_datatype_string(data_type) if isinstance(data_type, str) else data_type
            self.fields.append(StructField(field, dt, nullable, metadata))
        self.names = [f.name for f in self.fields]
        return self

    def fieldNames(self) -> List[str]:
        """The names of the fields, in order."""
        return list(self.names)

    def __iter__(self) -> Iterator[StructField]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def __getitem__(self, key: Union[str, int, slice]) -> Any:
        if isinstance(key, str):
            for f in self.fields:
                if f.name == key:
                    return f
            raise KeyError("No StructField named {0}".format(key))
        if isinstance(key, int):
            return self.fields[key]
        if isinstance(key, slice):
            return StructType(self.fields[key])
        raise TypeError("StructType keys should be strings, integers or slices")

    def simpleString(self) -> str:
        return "struct<%s>" % ",".join(f.simpleString() for f in self.fields)

    def jsonValue(self) -> Any:
        return {"type": "struct", "fields": [f.jsonValue() for f in self.fields]}

    @classmethod
    def fromJson(cls, json_value: dict) -> "StructType":
        """The struct a ``jsonValue()`` describes."""
        return StructType([StructField.fromJson(f) for f in json_value["fields"]])

    def treeString(self) -> str:
        """The schema as ``printSchema()`` prints it."""
        lines = ["root"]
        _tree_lines(self, "", lines)
        return "\n".join(lines) + "\n"

    def __repr__(self) -> str:
        return "StructType([%s])" % ", ".join(repr(f) for f in self.fields)


def _tree_lines(dt: DataType, prefix: str, lines: List[str]) -> None:
    if isinstance(dt, StructType):
        for f in dt.fields:
            lines.append("%s |-- %s: %s (nullable = %s)" % (prefix, f.name, f.dataType.typeName()
                         if not isinstance(f.dataType, (DecimalType, DayTimeIntervalType, YearMonthIntervalType))
                         else f.dataType.simpleString(),
                         str(f.nullable).lower()))
            _tree_lines(f.dataType, prefix + " |   ", lines)
    elif isinstance(dt, ArrayType):
        lines.append("%s |-- element: %s (containsNull = %s)" % (
            prefix, dt.elementType.simpleString() if isinstance(dt.elementType, DecimalType)
            else dt.elementType.typeName(), str(dt.containsNull).lower()))
        _tree_lines(dt.elementType, prefix + " |   ", lines)
    elif isinstance(dt, MapType):
        lines.append("%s |-- key: %s" % (prefix, _tree_name(dt.keyType)))
        _tree_lines(dt.keyType, prefix + " |   ", lines)
        lines.append("%s |-- value: %s (valueContainsNull = %s)" % (
            prefix, _tree_name(dt.valueType), str(dt.valueContainsNull).lower()))
        _tree_lines(dt.valueType, prefix + " |   ", lines)


def _tree_name(dt: DataType) -> str:
    return dt.simpleString() if isinstance(dt, DecimalType) else dt.typeName()


_SIMPLE = {
    "null": NullType, "void": NullType, "boolean": BooleanType, "integer": IntegerType, "long": LongType,
    "double": DoubleType, "float": FloatType, "string": StringType, "binary": BinaryType,
    "date": DateType, "timestamp": TimestampType, "short": ShortType, "byte": ByteType,
}
_DECIMAL = re.compile(r"decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)")


def _parse_datatype_json_value(json_value: Any) -> DataType:
    """The DataType a JSON value (as ``jsonValue()`` makes) describes."""
    if isinstance(json_value, str):
        if json_value in _SIMPLE:
            return _SIMPLE[json_value]()
        if json_value == "decimal":
            return DecimalType(10, 0)
        m = _DECIMAL.fullmatch(json_value)
        if m:
            return DecimalType(int(m.group(1)), int(m.group(2)))
        interval = _interval_type(json_value)
        if interval is not None:
            return interval
        raise ValueError("Could not parse datatype: %s" % json_value)
    kind = json_value.get("type")
    if kind == "struct":
        return StructType.fromJson(json_value)
    if kind == "array":
        return ArrayType(_parse_datatype_json_value(json_value["elementType"]), json_value.get("containsNull", True))
    if kind == "map":
        return MapType(_parse_datatype_json_value(json_value["keyType"]),
                       _parse_datatype_json_value(json_value["valueType"]), json_value.get("valueContainsNull", True))
    raise ValueError("Could not parse datatype: %s" % json.dumps(json_value))


_DDL_TYPES = {
    "boolean": BooleanType, "bool": BooleanType, "int": IntegerType, "integer": IntegerType,
    "smallint": ShortType, "short": ShortType, "tinyint": ByteType, "byte": ByteType,
    "bigint": LongType, "long": LongType, "double": DoubleType, "float": FloatType, "real": FloatType,
    "string": StringType, "varchar": StringType, "char": StringType, "text": StringType, "binary": BinaryType,
    "date": DateType, "timestamp": TimestampType, "void": NullType, "null": NullType,
}


class _DdlParser:
    def __init__(self, text: str):
        self.tokens = re.findall(r"`(?:[^`]|``)*`|[A-Za-z_][A-Za-z0-9_]*|-?\d+|[<>(),:]", text)
        self.joined = text
        self.pos = 0

    def peek(self) -> Optional[str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self) -> str:
        tok = self.peek()
        if tok is None:
            raise ValueError("Could not parse datatype: unexpected end of %r" % self.joined)
        self.pos += 1
        return tok

    def expect(self, tok: str) -> None:
        got = self.next()
        if got != tok:
            raise ValueError("Could not parse datatype %r: expected %r, got %r" % (self.joined, tok, got))

    def data_type(self) -> DataType:
        name = self.next().lower()
        if name in ("decimal", "dec", "numeric"):
            if self.peek() == "(":
                self.next()
                p = int(self.next())
                s = 0
                if self.peek() == ",":
                    self.next()
                    s = int(self.next())
                self.expect(")")
                return DecimalType(p, s)
            return DecimalType(10, 0)
        if name in ("varchar", "char") and self.peek() == "(":
            self.next()
            self.next()
            self.expect(")")
            return StringType()
        if name == "array":
            self.expect("<")
            el = self.data_type()
            self.expect(">")
            return ArrayType(el)
        if name == "map":
            self.expect("<")
            key = self.data_type()
            self.expect(",")
            value = self.data_type()
            self.expect(">")
            return MapType(key, value)
        if name == "struct":
            self.expect("<")
            fields = []
            while self.peek() != ">":
                fields.append(self.field(colon_optional=True))
                if self.peek() == ",":
                    self.next()
            self.expect(">")
            return StructType(fields)
        if name in _DDL_TYPES:
            return _DDL_TYPES[name]()
        if name == "interval":
            words = [self.next().lower()]
            if self.peek() is not None and self.peek().lower() == "to":
                words += [self.next().lower(), self.next().lower()]
            interval = _interval_type("interval " + " ".join(words))
            if interval is not None:
                return interval
        raise ValueError("Could not parse datatype: unknown type %r in %r" % (name, self.joined))

    def field(self, colon_optional: bool = True) -> StructField:
        name = self.next()
        if name.startswith("`"):
            name = name[1:-1].replace("``", "`")
        if self.peek() == ":":
            self.next()
        dt = self.data_type()
        nullable = True
        if self.peek() and self.peek().lower() == "not":
            self.next()
            self.next()
            nullable = False
        return StructField(name, dt, nullable)


def _parse_datatype_string(s: str) -> DataType:
    """Parse a DDL string: a schema ``"a INT, b STRING"`` (a StructType) or one type ``"array<int>"``."""
    p = _DdlParser(s.strip())
    if p.peek() and p.peek().lower() == "struct" and len(p.tokens) > 1 and p.tokens[1] == "<":
        dt = p.data_type()
        if p.peek() is None:
            return dt
        p = _DdlParser(s.strip())
    # A single type, if the whole string is one.
    try:
        single = _DdlParser(s.strip())
        dt = single.data_type()
        if single.peek() is None:
            return dt
    except ValueError:
        pass
    fields = []
    while p.peek() is not None:
        fields.append(p.field())
        if p.peek() == ",":
            p.next()
        elif p.peek() is not None:
            raise ValueError("Could not parse schema %r near %r" % (s, p.peek()))
    return StructType(fields)
