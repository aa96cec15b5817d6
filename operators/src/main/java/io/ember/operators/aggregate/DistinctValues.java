package io.ember.operators.aggregate;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.StructVector;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * The distinct value tuples of each group: one {@link KeyTable} keyed on {@code (group id, values...)}, with
 * each group's distinct tuples chained in first-seen order. Its partial state is an array per group: of
 * the values for one column, of structs {@code (c0, c1, ...)} for several.
 */
final class DistinctValues {
  private final DataType[] valueTypes;
  private final KeyTable table;
  private final GroupChains chains = new GroupChains();
  private int[] entryIds = new int[0];

  DistinctValues(List<DataType> valueTypes) {
    this.valueTypes = valueTypes.toArray(new DataType[0]);
    DataType[] keyTypes = new DataType[this.valueTypes.length + 1];
    keyTypes[0] = DataTypes.INTEGER;
    System.arraycopy(this.valueTypes, 0, keyTypes, 1, this.valueTypes.length);
    this.table = new KeyTable(keyTypes);
  }

  /** The state's array type for these value types. */
  static ArrayType stateType(List<DataType> valueTypes) {
    if (valueTypes.size() == 1) {
      return new ArrayType(valueTypes.get(0), false);
    }
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < valueTypes.size(); i++) {
      fields.add(new StructField("c" + i, valueTypes.get(i), true));
    }
    return new ArrayType(new StructType(fields), false);
  }

  void ensureGroups(int groupCount) {
    chains.ensureGroups(groupCount);
  }

  int size(int group) {
    return chains.length(group);
  }

  /** Adds the rows of {@code values} where no value is null. */
  void add(int[] groupIds, int numRows, ColumnVector[] values) {
    int[] rows = null;
    int kept = numRows;
    if (anyMayBeNull(values)) {
      rows = new int[numRows];
      kept = 0;
      for (int i = 0; i < numRows; i++) {
        if (!anyNull(values, i)) {
          rows[kept++] = i;
        }
      }
    }
    ColumnVector[] keys = new ColumnVector[values.length + 1];
    int[] ids = new int[kept];
    for (int k = 0; k < kept; k++) {
      ids[k] = groupIds[rows == null ? k : rows[k]];
    }
    keys[0] = new IntVector(DataTypes.INTEGER, ids, null, kept);
    for (int c = 0; c < values.length; c++) {
      keys[c + 1] = rows == null ? values[c] : values[c].take(rows, kept);
    }
    insert(keys, kept);
  }

  /** Merges array states (as {@link #toArrays} makes them). */
  void merge(int[] groupIds, int numRows, ArrayVector arrays) {
    int total = arrays.offsets()[numRows] - arrays.offsets()[0];
    int[] ids = new int[total];
    int base = arrays.offsets()[0];
    for (int i = 0; i < numRows; i++) {
      for (int e = arrays.start(i), end = e + arrays.length(i); e < end; e++) {
        ids[e - base] = groupIds[i];
      }
    }
    ColumnVector elements = arrays.elements().slice(base, total);
    ColumnVector[] values = new ColumnVector[valueTypes.length];
    if (values.length == 1) {
      values[0] = elements;
    } else {
      for (int c = 0; c < values.length; c++) {
        values[c] = ((StructVector) elements).child(c);
      }
    }
    add(ids, total, values);
  }

  private void insert(ColumnVector[] keys, int numRows) {
    entryIds = States.grow(entryIds, numRows);
    int before = table.size();
    table.findOrInsert(keys, numRows, entryIds);
    int[] groups = ((IntVector) keys[0]).values();
    int expected = before; // new entries get consecutive ids at their first row
    for (int i = 0; i < numRows; i++) {
      if (entryIds[i] == expected) {
        chains.append(groups[i], expected++);
      }
    }
  }

  /** The distinct values of groups {@code [from, from + count)}: per group, element columns and offsets. */
  ColumnVector[] values(int from, int count, int[] offsets) {
    int[] entries = chains.entries(from, count, offsets);
    ColumnVector[] keys = table.keyColumns();
    ColumnVector[] out = new ColumnVector[valueTypes.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = keys[c + 1].take(entries, entries.length);
    }
    return out;
  }

  /** Groups {@code [from, from + count)} as arrays of their distinct values. */
  ArrayVector toArrays(int from, int count, ArrayType type) {
    int[] offsets = new int[count + 1];
    ColumnVector[] cols = values(from, count, offsets);
    int total = offsets[count];
    ColumnVector elements = cols.length == 1 ? cols[0]
        : new StructVector((StructType) type.elementType(), cols, null, total);
    return new ArrayVector(type, offsets, elements, null, count);
  }

  long estimatedBytes() {
    return table.estimatedBytes() + chains.estimatedBytes();
  }

  private static boolean anyMayBeNull(ColumnVector[] values) {
    for (ColumnVector v : values) {
      if (v.mayHaveNulls()) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyNull(ColumnVector[] values, int row) {
    for (ColumnVector v : values) {
      if (v.isNull(row)) {
        return true;
      }
    }
    return false;
  }
}
