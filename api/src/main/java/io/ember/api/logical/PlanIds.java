package io.ember.api.logical;

import java.util.concurrent.atomic.AtomicLong;

/** Hands out the {@link LogicalPlan#planId()} values, unique within the JVM. */
public final class PlanIds {
  private static final AtomicLong NEXT = new AtomicLong(1);

  private PlanIds() {}

  public static long next() {
    return NEXT.getAndIncrement();
  }
}
