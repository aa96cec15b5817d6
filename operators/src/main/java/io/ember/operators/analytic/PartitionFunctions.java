package io.ember.operators.analytic;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.operators.aggregate.Accumulator;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.sort.PermutationSort;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Computes a {@link WindowSpec}'s functions over rows already sorted by partition and order keys, one
 * partition {@code [start, end)} at a time, appending each row's result to one builder per function.
 * Aggregates whose frame starts at the partition's first row add rows to one running accumulator as the frame
 * end advances; other frames give each row its own accumulator group fed with the frame's rows.
 */
final class PartitionFunctions {
  private final List<WindowFunction> functions;
  private final ColumnVector[] orderKeys;
  private final PermutationSort orderCompare;
  private final boolean rangeAscending;
  private final boolean rangeNullsFirst;
  private final EvalContext eval;
  private final VectorBuilder[] builders;
  /** Per function: its evaluated inputs (aggregates), input (offset, nth value) or default (offset). */
  private final ColumnVector[][] args;
  private final ColumnVector[] defaults;
  private int[] peerStart = new int[0];
  private int[] peerEnd = new int[0];

  PartitionFunctions(WindowSpec spec, Batch sorted, ColumnVector[] orderKeys, PermutationSort orderCompare,
      EvalContext eval) {
    this.functions = spec.functions();
    this.orderKeys = orderKeys;
    this.orderCompare = orderCompare;
    this.rangeAscending = spec.orderKeys().isEmpty() || spec.orderKeys().get(0).ascending();
    this.rangeNullsFirst = !spec.orderKeys().isEmpty() && spec.orderKeys().get(0).nullsFirst();
    this.eval = eval;
    int n = sorted.numRows();
    builders = new VectorBuilder[functions.size()];
    args = new ColumnVector[functions.size()][];
    defaults = new ColumnVector[functions.size()];
    for (int f = 0; f < builders.length; f++) {
      WindowFunction fn = functions.get(f);
      builders[f] = VectorBuilder.forType(fn.resultType(), n);
      if (fn instanceof WindowFunction.Aggregate a) {
        args[f] = a.function().evaluateInputs(sorted, eval);
      } else if (fn instanceof WindowFunction.Offset o) {
        args[f] = new ColumnVector[] {o.input().evaluate(sorted, eval)};
        defaults[f] = o.defaultValue().evaluate(sorted, eval);
      } else if (fn instanceof WindowFunction.NthValue nv) {
        args[f] = new ColumnVector[] {nv.input().evaluate(sorted, eval)};
      }
    }
  }

  /** Appends the results of every function for the partition of rows {@code [start, end)}. */
  void partition(int start, int end) {
    int size = end - start;
    if (peerStart.length < size) {
      peerStart = new int[size];
      peerEnd = new int[size];
    }
    int groupStart = start;
    for (int i = start + 1; i <= end; i++) {
      if (i == end || orderCompare.compare(orderKeys, i - 1, orderKeys, i) != 0) {
        for (int j = groupStart; j < i; j++) {
          peerStart[j - start] = groupStart;
          peerEnd[j - start] = i;
        }
        groupStart = i;
      }
    }
    for (int f = 0; f < builders.length; f++) {
      WindowFunction fn = functions.get(f);
      if (fn instanceof WindowFunction.Ranking r) {
        ranking(r.kind(), builders[f], start, end);
      } else if (fn instanceof WindowFunction.Ntile t) {
        ntile(t.buckets(), builders[f], size);
      } else if (fn instanceof WindowFunction.Offset o) {
        offset(o, args[f][0], defaults[f], builders[f], start, end);
      } else if (fn instanceof WindowFunction.NthValue nv) {
        nthValue(nv, args[f][0], builders[f], start, end);
      } else if (fn instanceof WindowFunction.Aggregate a) {
        aggregate(a, args[f], builders[f], start, end);
      }
    }
  }

  ColumnVector[] results() {
    ColumnVector[] out = new ColumnVector[builders.length];
    for (int f = 0; f < out.length; f++) {
      out[f] = builders[f].build();
    }
    return out;
  }

  private void ranking(WindowFunction.RankKind kind, VectorBuilder b, int start, int end) {
    int size = end - start;
    int dense = 0;
    for (int i = start; i < end; i++) {
      int ps = peerStart[i - start];
      if (ps == i) {
        dense++;
      }
      int rank = ps - start + 1;
      switch (kind) {
        case ROW_NUMBER -> b.append(i - start + 1);
        case RANK -> b.append(rank);
        case DENSE_RANK -> b.append(dense);
        case PERCENT_RANK -> b.append(size == 1 ? 0.0 : (rank - 1) / (double) (size - 1));
        case CUME_DIST -> b.append((peerEnd[i - start] - start) / (double) size);
        default -> throw new IllegalStateException(kind.name());
      }
    }
  }

  /** Spark's NTile: the first {@code size % buckets} buckets hold one row more than the others. */
  private static void ntile(int buckets, VectorBuilder b, int size) {
    int base = size / buckets;
    int extra = size % buckets;
    int bigRows = extra * (base + 1);
    for (int r = 0; r < size; r++) {
      b.append(r < bigRows ? r / (base + 1) + 1 : extra + (r - bigRows) / base + 1);
    }
  }

  private static void offset(WindowFunction.Offset o, ColumnVector input, ColumnVector defaults, VectorBuilder b,
      int start, int end) {
    int step = o.offset() < 0 ? -1 : 1;
    int distance = Math.abs(o.offset());
    for (int i = start; i < end; i++) {
      int j;
      if (!o.ignoreNulls() || distance == 0) {
        j = i + o.offset();
      } else {
        j = i;
        for (int seen = 0; seen < distance; ) {
          j += step;
          if (j < start || j >= end) {
            break;
          }
          if (!input.isNull(j)) {
            seen++;
          }
        }
      }
      if (j >= start && j < end) {
        b.appendFrom(input, j);
      } else {
        b.appendFrom(defaults, i);
      }
    }
  }

  private void nthValue(WindowFunction.NthValue nv, ColumnVector input, VectorBuilder b, int start, int end) {
    for (int i = start; i < end; i++) {
      int lo = lower(nv.frame(), i, start, end);
      int hi = upper(nv.frame(), i, start, end);
      int found = -1;
      for (int j = lo, seen = 0; j < hi && found < 0; j++) {
        if (!nv.ignoreNulls() || !input.isNull(j)) {
          if (++seen == nv.n()) {
            found = j;
          }
        }
      }
      if (found < 0) {
        b.appendNull();
      } else {
        b.appendFrom(input, found);
      }
    }
  }

  private void aggregate(WindowFunction.Aggregate a, ColumnVector[] in, VectorBuilder b, int start, int end) {
    AggregateFunction fn = a.function();
    WindowFrame frame = a.frame();
    Accumulator acc = fn.newAccumulator(eval);
    int size = end - start;
    if (frame.start() == WindowFrame.UNBOUNDED_PRECEDING) {
      acc.ensureGroups(1);
      int added = start;
      ColumnVector last = null;
      for (int i = start; i < end; i++) {
        int hi = Math.max(start, upper(frame, i, start, end));
        if (hi > added || last == null) {
          if (hi > added) {
            int count = hi - added;
            acc.update(new int[count], count, slice(in, added, count));
            added = hi;
          }
          last = acc.result(0, 1);
        }
        b.appendFrom(last, 0);
      }
      return;
    }
    acc.ensureGroups(size);
    int[] ids = new int[0];
    for (int i = start; i < end; i++) {
      int lo = lower(frame, i, start, end);
      int hi = upper(frame, i, start, end);
      int count = hi - lo;
      if (count <= 0) {
        continue;
      }
      if (ids.length < count) {
        ids = new int[Math.max(count, ids.length * 2)];
      }
      Arrays.fill(ids, 0, count, i - start);
      acc.update(ids, count, slice(in, lo, count));
    }
    b.appendAll(acc.result(0, size));
  }

  private static ColumnVector[] slice(ColumnVector[] in, int from, int count) {
    ColumnVector[] out = new ColumnVector[in.length];
    for (int k = 0; k < in.length; k++) {
      out[k] = in[k].slice(from, count);
    }
    return out;
  }

  /** The first row of row {@code i}'s frame. */
  private int lower(WindowFrame frame, int i, int start, int end) {
    long s = frame.start();
    if (s == WindowFrame.UNBOUNDED_PRECEDING) {
      return start;
    }
    if (frame.rows()) {
      return (int) Math.max(start, Math.min(end, i + s));
    }
    if (s == WindowFrame.CURRENT_ROW) {
      return peerStart[i - start];
    }
    return rangeBound(i, s, start, end, false);
  }

  /** One past the last row of row {@code i}'s frame (at least the first row: empty frames have no rows). */
  private int upper(WindowFrame frame, int i, int start, int end) {
    long e = frame.end();
    int hi;
    if (e == WindowFrame.UNBOUNDED_FOLLOWING) {
      hi = end;
    } else if (frame.rows()) {
      hi = (int) Math.max(start, Math.min(end, i + e + 1));
    } else if (e == WindowFrame.CURRENT_ROW) {
      hi = peerEnd[i - start];
    } else {
      hi = rangeBound(i, e, start, end, true);
    }
    return Math.max(hi, lower(frame, i, start, end));
  }

  /**
   * A RANGE bound at {@code offset} from row {@code i}'s order key: the first row whose key is at least that far
   * (past it when {@code inclusive}), in the order's direction. A null key's frame is its null peers; null
   * keys of other rows lie outside every offset bound of a non-null row.
   */
  private int rangeBound(int i, long offset, int start, int end, boolean inclusive) {
    ColumnVector key = orderKeys[0];
    if (key.isNull(i)) {
      return inclusive ? peerEnd[i - start] : peerStart[i - start];
    }
    int lo = start;
    int hi = end;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (reached(key, mid, i, offset, inclusive)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Whether row {@code j} lies at or after the bound (strictly after when {@code inclusive}). */
  private boolean reached(ColumnVector key, int j, int i, long offset, boolean inclusive) {
    if (key.isNull(j)) {
      return !rangeNullsFirst;
    }
    int c = compareDistance(key, j, i, offset);
    return inclusive ? c > 0 : c >= 0;
  }

  /** Compares the signed distance from row {@code i}'s key to row {@code j}'s (in the order's direction) with {@code offset}. */
  private int compareDistance(ColumnVector key, int j, int i, long offset) {
    if (key instanceof LongVector lv) {
      return exactCompare(lv.getLong(j), lv.getLong(i), offset);
    } else if (key instanceof IntVector iv) {
      return exactCompare(iv.values()[j], iv.values()[i], offset);
    }
    Object vj = key.get(j);
    Object vi = key.get(i);
    if (vj instanceof BigDecimal dj) {
      BigDecimal d = rangeAscending ? dj.subtract((BigDecimal) vi) : ((BigDecimal) vi).subtract(dj);
      return d.compareTo(BigDecimal.valueOf(offset));
    }
    double xj = ((Number) vj).doubleValue();
    double xi = ((Number) vi).doubleValue();
    return Double.compare(rangeAscending ? xj - xi : xi - xj, (double) offset);
  }

  private int exactCompare(long vj, long vi, long offset) {
    if (Math.abs(vj) < (1L << 60) && Math.abs(vi) < (1L << 60)) {
      return Long.compare(rangeAscending ? vj - vi : vi - vj, offset);
    }
    BigDecimal d = rangeAscending ? BigDecimal.valueOf(vj).subtract(BigDecimal.valueOf(vi))
        : BigDecimal.valueOf(vi).subtract(BigDecimal.valueOf(vj));
    return d.compareTo(BigDecimal.valueOf(offset));
  }
}
