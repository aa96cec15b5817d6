package io.ember.api.planner;

import io.ember.api.analysis.ResolvedPlan;
import io.ember.connectors.file.FileEntry;
import io.ember.connectors.file.FileSource;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StringVector;
import java.util.OptionalLong;

/**
 * An estimate of a plan's output size in bytes, where one is known without running it: in-memory data,
 * ranges, files (their size on disk), and the row-preserving or row-reducing steps above them. Joins and
 * explodes are unknown.
 */
final class SizeEstimator {
  /** Bytes counted per value of a fixed-width column. */
  static final int FIXED_WIDTH_BYTES = 8;

  private SizeEstimator() {}

  static OptionalLong estimate(ResolvedPlan plan) {
    if (plan instanceof ResolvedPlan.LocalData l) {
      long bytes = 0;
      for (Batch b : l.batches()) {
        bytes += bytes(b);
      }
      return OptionalLong.of(bytes);
    } else if (plan instanceof ResolvedPlan.Scan s && s.source() instanceof FileSource files) {
      long bytes = 0;
      for (FileEntry f : files.files()) {
        bytes += f.size();
      }
      return OptionalLong.of(bytes);
    } else if (plan instanceof ResolvedPlan.RangeScan r) {
      double n = Math.ceil(((double) r.end() - r.start()) / r.step());
      return OptionalLong.of((long) Math.max(0, n) * FIXED_WIDTH_BYTES);
    } else if (plan instanceof ResolvedPlan.Filter || plan instanceof ResolvedPlan.Project
        || plan instanceof ResolvedPlan.Sort || plan instanceof ResolvedPlan.Limit
        || plan instanceof ResolvedPlan.Distinct || plan instanceof ResolvedPlan.Aggregate) {
      return estimate(plan.children().get(0));
    } else if (plan instanceof ResolvedPlan.Union u) {
      long sum = 0;
      for (ResolvedPlan in : u.inputs()) {
        OptionalLong e = estimate(in);
        if (e.isEmpty()) {
          return e;
        }
        sum += e.getAsLong();
      }
      return OptionalLong.of(sum);
    }
    return OptionalLong.empty();
  }

  private static long bytes(Batch b) {
    long bytes = 0;
    for (int c = 0; c < b.numColumns(); c++) {
      ColumnVector v = b.column(c);
      bytes += (long) b.numRows() * FIXED_WIDTH_BYTES;
      if (v instanceof StringVector s) {
        for (int r = 0; r < b.numRows(); r++) {
          Object o = s.get(r);
          bytes += o == null ? 0 : o.toString().length();
        }
      }
    }
    return bytes;
  }
}
