"""Storage levels of persisted DataFrames, as PySpark's ``pyspark.StorageLevel``.

Ember keeps every cached DataFrame's result batches on the JVM heap whatever the level; the level is recorded and
reported by ``DataFrame.storageLevel``.
"""

from __future__ import annotations

from typing import Any, Dict


class StorageLevel:
    """How a persisted DataFrame asks its data to be kept: disk, memory, off-heap, deserialized, replication."""

    NONE: "StorageLevel"
    DISK_ONLY: "StorageLevel"
    DISK_ONLY_2: "StorageLevel"
    DISK_ONLY_3: "StorageLevel"
    MEMORY_ONLY: "StorageLevel"
    MEMORY_ONLY_2: "StorageLevel"
    MEMORY_AND_DISK: "StorageLevel"
    MEMORY_AND_DISK_2: "StorageLevel"
    MEMORY_AND_DISK_DESER: "StorageLevel"
    OFF_HEAP: "StorageLevel"

    def __init__(self, useDisk: bool, useMemory: bool, useOffHeap: bool, deserialized: bool,
                 replication: int = 1):
        self.useDisk = useDisk
        self.useMemory = useMemory
        self.useOffHeap = useOffHeap
        self.deserialized = deserialized
        self.replication = replication

    def _to_json(self) -> Dict[str, Any]:
        return {"useDisk": self.useDisk, "useMemory": self.useMemory, "useOffHeap": self.useOffHeap,
                "deserialized": self.deserialized, "replication": self.replication}

    @staticmethod
    def _from_json(d: Dict[str, Any]) -> "StorageLevel":
        return StorageLevel(bool(d["useDisk"]), bool(d["useMemory"]), bool(d["useOffHeap"]),
                            bool(d["deserialized"]), int(d["replication"]))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StorageLevel) and self._to_json() == other._to_json()

    def __hash__(self) -> int:
        return hash(tuple(self._to_json().values()))

    def __repr__(self) -> str:
        return "StorageLevel(%s, %s, %s, %s, %s)" % (
            self.useDisk, self.useMemory, self.useOffHeap, self.deserialized, self.replication)

    def __str__(self) -> str:
        result = ""
        result += "Disk " if self.useDisk else ""
        result += "Memory " if self.useMemory else ""
        result += "OffHeap " if self.useOffHeap else ""
        result += "Deserialized " if self.deserialized else "Serialized "
        result += "%sx Replicated" % self.replication
        return result


StorageLevel.NONE = StorageLevel(False, False, False, False)
StorageLevel.DISK_ONLY = StorageLevel(True, False, False, False)
StorageLevel.DISK_ONLY_2 = StorageLevel(True, False, False, False, 2)
StorageLevel.DISK_ONLY_3 = StorageLevel(True, False, False, False, 3)
StorageLevel.MEMORY_ONLY = StorageLevel(False, True, False, False)
StorageLevel.MEMORY_ONLY_2 = StorageLevel(False, True, False, False, 2)
StorageLevel.MEMORY_AND_DISK = StorageLevel(True, True, False, False)
StorageLevel.MEMORY_AND_DISK_2 = StorageLevel(True, True, False, False, 2)
StorageLevel.MEMORY_AND_DISK_DESER = StorageLevel(True, True, False, True)
StorageLevel.OFF_HEAP = StorageLevel(True, True, True, False, 1)
