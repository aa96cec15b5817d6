package io.ember.operators.join;

import io.ember.core.data.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/** A naive nested-loop join over rows, the reference the hash join is checked against. */
final class JoinReference {
  private JoinReference() {}

  /**
   * @param leftKeys key positions in left rows
   * @param rightKeys key positions in right rows
   * @param condition the extra condition on (left, right); null keys never match
   */
  static List<Row> join(
      JoinType type, List<Row> left, List<Row> right, int[] leftKeys, int[] rightKeys,
      BiPredicate<Row, Row> condition, int leftWidth, int rightWidth) {
    List<Row> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    for (Row l : left) {
      boolean matched = false;
      for (int j = 0; j < right.size(); j++) {
        Row r = right.get(j);
        if (keysMatch(l, r, leftKeys, rightKeys) && condition.test(l, r)) {
          matched = true;
          rightMatched[j] = true;
          if (!type.leftColumnsOnly()) {
            out.add(concat(l.toArray(), r.toArray()));
          }
        }
      }
      if (type == JoinType.LEFT_SEMI && matched || type == JoinType.LEFT_ANTI && !matched) {
        out.add(l);
      }
      if (!matched && type.preservesLeft()) {
        out.add(concat(l.toArray(), new Object[rightWidth]));
      }
    }
    if (type.preservesRight()) {
      for (int j = 0; j < right.size(); j++) {
        if (!rightMatched[j]) {
          out.add(concat(new Object[leftWidth], right.get(j).toArray()));
        }
      }
    }
    return out;
  }

  private static boolean keysMatch(Row l, Row r, int[] leftKeys, int[] rightKeys) {
    for (int i = 0; i < leftKeys.length; i++) {
      Object a = l.get(leftKeys[i]);
      Object b = r.get(rightKeys[i]);
      if (a == null || b == null || !a.equals(b)) {
        return false;
      }
    }
    return true;
  }

  private static Row concat(Object[] a, Object[] b) {
    Object[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return Row.of(all);
  }

  /** Row counts, for comparing outputs whose order depends on the build side. */
  static Map<Row, Integer> multiset(List<Row> rows) {
    Map<Row, Integer> counts = new HashMap<>();
    for (Row r : rows) {
      counts.merge(Row.of(r.toArray()), 1, Integer::sum);
    }
    return counts;
  }

  static boolean lessThan(Object a, Object b) {
    return a != null && b != null && ((Integer) a) < ((Integer) b) && !Objects.equals(a, b);
  }
}
