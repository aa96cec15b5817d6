package io.ember.api.planner;

import io.ember.api.analysis.ResolvedPlan;
import io.ember.connectors.file.FileSource;
import io.ember.core.types.StructType;
import io.ember.operators.calc.CalcSpec;
import io.ember.operators.join.StaticRelation;
import java.util.ArrayList;
import java.util.List;

/**
 * Which static sides of a stream-static join its tasks read themselves, so that they can read them again when they
 * change ({@link io.ember.operators.join.StreamStaticJoinSpec}): a scan of files (a file read or a table) under
 * projections and filters. Other static sides (in-memory data, which never changes, or a batch query with
 * aggregations, joins or sorts) are planned into the job and read once when the query starts.
 */
public final class StaticSides {
  private StaticSides() {}

  /**
   * The static side {@code p} as its join tasks read it: a file scan and the steps over it.
   *
   * @param source the scan
   * @param steps the projections and filters over it, in order
   */
  public record Rereadable(FileSource source, List<CalcSpec> steps) {
    public Rereadable {
      steps = List.copyOf(steps);
    }

    /** The schema of the rows the steps emit. */
    public StructType schema() {
      return steps.isEmpty() ? source.schema() : steps.get(steps.size() - 1).outputSchema();
    }

    Rereadable with(CalcSpec step) {
      List<CalcSpec> all = new ArrayList<>(steps);
      all.add(step);
      return new Rereadable(source, all);
    }

    /** The relation of these steps, then {@code extra} (null: none). */
    public StaticRelation relation(CalcSpec extra) {
      List<CalcSpec> all = new ArrayList<>(steps);
      if (extra != null) {
        all.add(extra);
      }
      return new FileStaticRelation(source, all);
    }
  }

  /** {@code p} as a static side its join tasks can read again, or null when it is not one. */
  public static Rereadable of(ResolvedPlan p) {
    if (p instanceof ResolvedPlan.Scan s) {
      return s.source() instanceof FileSource f ? new Rereadable(f, List.of()) : null;
    }
    if (p instanceof ResolvedPlan.Filter f) {
      Rereadable in = of(f.child());
      return in == null ? null
          : in.with(CalcSpec.filter(in.schema(), PhysicalPlanner.conjunction(f.conjuncts())));
    }
    if (p instanceof ResolvedPlan.Project pr) {
      Rereadable in = of(pr.child());
      return in == null ? null
          : in.with(CalcSpec.project(in.schema(), pr.exprs(), PhysicalPlanner.names(pr.output())));
    }
    return null;
  }
}
