package io.ember.operators.join;

/**
 * Which side of a join is buffered (input 0) while the other streams past it (input 1). Any join type runs
 * with either build side; the planner builds the smaller side, and prefers to stream the side whose unmatched
 * rows are preserved (build {@link #RIGHT} for left outer, semi and anti joins; {@link #LEFT} for right outer
 * joins), since the unmatched rows of the build side can only be emitted at the end of the probe input.
 */
public enum BuildSide {
  LEFT,
  RIGHT
}
