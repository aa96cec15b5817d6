package io.ember.operators.stream;

import io.ember.operators.stream.join.JoinStateWatermarks;
import io.ember.operators.stream.join.JoinStateWatermarks.Bound;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The watermark a stateful operator of a query with several hears, as a function of the query's global
 * event-time watermark {@code W}: the smallest of its terms, each linear in {@code W}. This is Spark's watermark
 * propagation ({@code PropagateWatermarkSimulator}): a {@code withWatermark} outputs {@code W}; a stateless step
 * and a stateful operator output the smallest watermark of their inputs (Spark's default
 * {@code produceOutputWatermark}: an aggregation or deduplication never emits a row older than its input
 * watermark); a stream-stream join outputs the smallest of its input watermark and both sides' state watermarks
 * ({@link JoinStateWatermarks}), since it can still emit rows as old as the rows it keeps. So below a join with
 * {@code l.t BETWEEN r.t - 10 seconds AND r.t + 5 seconds} the next operator's watermark is {@code W - 10s}.
 *
 * @param terms the linear functions of {@code W} whose minimum is the watermark; never empty
 */
public record InputWatermark(List<Bound> terms) {
  /** The global watermark itself: an operator with no stream-stream join upstream. */
  public static final InputWatermark GLOBAL = new InputWatermark(List.of(new Bound(1, 0)));

  public InputWatermark {
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("An input watermark needs at least one term");
    }
    terms = List.copyOf(new LinkedHashSet<>(terms));
  }

  /** The watermark for global watermark {@code globalMicros}. */
  public long of(long globalMicros) {
    long w = Long.MAX_VALUE;
    for (Bound t : terms) {
      w = Math.min(w, t.threshold(globalMicros));
    }
    return w;
  }

  /** True when this is the global watermark unchanged. */
  public boolean isGlobal() {
    return equals(GLOBAL);
  }

  /** The smaller of this watermark and {@code other} (an operator reading both, as a union or a join does). */
  public InputWatermark min(InputWatermark other) {
    List<Bound> all = new ArrayList<>(terms);
    all.addAll(other.terms);
    return new InputWatermark(all);
  }

  /**
   * The output watermark of a stream-stream join whose input watermark this is: the smaller of it and the state
   * watermark of each side that evicts rows (a side evicted by an event-time join key evicts at the input
   * watermark itself; a side that is never evicted does not count, as in Spark).
   */
  public InputWatermark throughJoin(JoinStateWatermarks join) {
    Set<Bound> out = new LinkedHashSet<>(terms);
    for (JoinStateWatermarks.Side side : List.of(join.left(), join.right())) {
      if (side.keyOrdinal() >= 0) {
        continue;
      }
      for (Bound b : side.valueBounds()) {
        for (Bound t : terms) {
          out.add(new Bound(b.scale() * t.scale(), b.scale() * t.offsetMicros() + b.offsetMicros()));
        }
      }
    }
    return new InputWatermark(new ArrayList<>(out));
  }

  /** For example {@code W} or {@code min(W, W - 10000000)} (offsets in microseconds). */
  public String describe() {
    List<String> parts = new ArrayList<>();
    terms.forEach(t -> parts.add(t.offsetMicros() == 0 ? (t.scale() == 1.0 ? "W" : t.scale() + " * W") : t.toString()));
    return parts.size() == 1 ? parts.get(0) : "min(" + String.join(", ", parts) + ")";
  }
}
