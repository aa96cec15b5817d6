package io.ember.api.analysis;

import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import java.util.HashSet;
import java.util.Set;

/**
 * One output column of a {@link ResolvedPlan}: its name, type and nullability, plus what name resolution
 * needs above it: the {@code qualifier} a {@code df.alias(..)} gave it (or null) and the ids of the logical
 * plans whose output carried it ({@code df.col("id")} picks the column whose {@code planIds} hold the
 * DataFrame's plan id).
 */
public record Attr(String name, DataType type, boolean nullable, String qualifier, Set<Long> planIds) {
  public Attr {
    planIds = Set.copyOf(planIds);
  }

  /** A fresh column produced by plan {@code planId}. */
  public static Attr of(String name, DataType type, boolean nullable, long planId) {
    return new Attr(name, type, nullable, null, Set.of(planId));
  }

  public StructField field() {
    return new StructField(name, type, nullable);
  }

  /** The same column passing through plan {@code planId}. */
  public Attr through(long planId) {
    if (planIds.contains(planId)) {
      return this;
    }
    Set<Long> ids = new HashSet<>(planIds);
    ids.add(planId);
    return new Attr(name, type, nullable, qualifier, ids);
  }

  public Attr withQualifier(String newQualifier) {
    return new Attr(name, type, nullable, newQualifier, planIds);
  }

  public Attr withName(String newName) {
    return new Attr(newName, type, nullable, qualifier, planIds);
  }

  public Attr withNullable(boolean newNullable) {
    return new Attr(name, type, newNullable, qualifier, planIds);
  }
}
