package io.ember.operators.testkit;

import io.ember.core.data.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Aggregate results made comparable across merge orders, for the aggregation property tests. */
public final class AggregateResults {
  private AggregateResults() {}

  /** Rounds doubles (merge order changes the last bits of variances), sorts sets and lists, sorts rows. */
  public static List<String> normalize(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      List<Object> vals = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        Object v = r.get(i);
        if (v instanceof Double d) {
          v = Math.round(d * 1e6) / 1e6;
        } else if (v instanceof List<?> l) {
          List<String> sortedList = new ArrayList<>();
          l.forEach(e -> sortedList.add(String.valueOf(e)));
          sortedList.sort(Comparator.naturalOrder());
          v = sortedList;
        }
        vals.add(v);
      }
      out.add(vals.toString());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }
}
