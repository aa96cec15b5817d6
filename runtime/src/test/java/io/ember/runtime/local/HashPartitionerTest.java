package io.ember.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashPartitionerTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("name", DataTypes.STRING), DataTypes.field("n", DataTypes.INTEGER), DataTypes.field("v", DataTypes.LONG));

  private static Batch batch(int rows) {
    List<Row> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      out.add(Row.of(r % 5 == 0 ? null : "k" + (r % 7), r % 3 == 0 ? null : r % 4, (long) r));
    }
    return Batch.fromRows(SCHEMA, out);
  }

  @Test
  void equalKeysIncludingNullsGoToOneTargetAcrossBatches() {
    HashPartitioner partitioner = new HashPartitioner(new int[] {0, 1}, 4);
    Map<List<Object>, Integer> targetOfKey = new HashMap<>();
    for (Batch b : List.of(batch(100), batch(37))) {
      int[] assigned = partitioner.assign(b);
      for (int r = 0; r < b.numRows(); r++) {
        List<Object> key = java.util.Arrays.asList(b.column(0).get(r), b.column(1).get(r));
        Integer previous = targetOfKey.putIfAbsent(key, assigned[r]);
        if (previous != null) {
          assertEquals(previous, assigned[r], "key " + key);
        }
      }
    }
    assertEquals(4, targetOfKey.values().stream().distinct().count());
  }

  @Test
  void splitKeepsEveryRowOnceInItsTargetAndOrder() {
    Batch b = batch(50);
    HashPartitioner partitioner = new HashPartitioner(new int[] {1}, 3);
    int[] assigned = partitioner.assign(b);
    Batch[] parts = partitioner.split(b);
    for (int t = 0; t < 3; t++) {
      List<Row> expected = new ArrayList<>();
      for (int r = 0; r < b.numRows(); r++) {
        if (assigned[r] == t) {
          expected.add(b.row(r));
        }
      }
      assertEquals(expected, parts[t] == null ? List.of() : parts[t].toRows());
    }
  }

  @Test
  void batchWhoseRowsAllGoToOneTargetIsNotCopied() {
    Batch sameKey = Batch.fromRows(SCHEMA, List.of(Row.of("a", 1, 1L), Row.of("a", 1, 2L)));
    Batch[] parts = new HashPartitioner(new int[] {0, 1}, 8).split(sameKey);
    int target = new HashPartitioner(new int[] {0, 1}, 8).assign(sameKey)[0];
    for (int t = 0; t < 8; t++) {
      if (t == target) {
        assertSame(sameKey, parts[t]);
      } else {
        assertNull(parts[t]);
      }
    }
  }
}
