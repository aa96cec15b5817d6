import pickle

import pytest

from ember.sql import Row


def test_row_has_named_fields_and_is_a_tuple():
    row = Row(word="the", count=3)
    assert row == ("the", 3)
    assert isinstance(row, tuple)
    assert row.word == "the"
    assert row["count"] == 3
    assert row[1] == 3
    assert row.asDict() == {"word": "the", "count": 3}
    assert "word" in row


def test_row_repr_is_pysparks():
    assert repr(Row(word="the", count=3)) == "Row(word='the', count=3)"
    assert repr(Row(a=None, b=1.5)) == "Row(a=None, b=1.5)"


def test_row_factory():
    Person = Row("name", "age")
    assert repr(Person) == "<Row('name', 'age')>"
    bob = Person("Bob", 3)
    assert bob.name == "Bob" and bob.age == 3


def test_unknown_field_raises():
    row = Row(a=1)
    with pytest.raises(AttributeError):
        row.b
    with pytest.raises(KeyError):
        row["b"]


def test_recursive_as_dict_and_pickle():
    row = Row(a=1, inner=Row(b=[Row(c=2)]))
    assert row.asDict(recursive=True) == {"a": 1, "inner": {"b": [{"c": 2}]}}
    again = pickle.loads(pickle.dumps(row))
    assert again == row and again.inner.b[0].c == 2


def test_rows_are_read_only():
    with pytest.raises(RuntimeError):
        Row(a=1).a = 2
