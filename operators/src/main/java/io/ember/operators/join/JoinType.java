package io.ember.operators.join;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.Locale;

/** The join types of Spark's {@code Dataset.join(right, on, how)}. */
public enum JoinType {
  INNER(false, false),
  LEFT_OUTER(true, false),
  RIGHT_OUTER(false, true),
  FULL_OUTER(true, true),
  /** Left rows that have a match, left columns only. */
  LEFT_SEMI(false, false),
  /** Left rows that have no match, left columns only. */
  LEFT_ANTI(false, false),
  /** Every pair of rows; with a condition it behaves as {@link #INNER}. */
  CROSS(false, false);

  private final boolean preservesLeft;
  private final boolean preservesRight;

  JoinType(boolean preservesLeft, boolean preservesRight) {
    this.preservesLeft = preservesLeft;
    this.preservesRight = preservesRight;
  }

  /** Whether left rows without a match are emitted, with nulls for the right columns. */
  public boolean preservesLeft() {
    return preservesLeft;
  }

  /** Whether right rows without a match are emitted, with nulls for the left columns. */
  public boolean preservesRight() {
    return preservesRight;
  }

  /** Whether the output has the left columns only (semi and anti joins). */
  public boolean leftColumnsOnly() {
    return this == LEFT_SEMI || this == LEFT_ANTI;
  }

  /** Spark's SQL name, as in {@code explain()}: {@code Inner}, {@code LeftOuter}, ... */
  public String sqlName() {
    return switch (this) {
      case INNER -> "Inner";
      case LEFT_OUTER -> "LeftOuter";
      case RIGHT_OUTER -> "RightOuter";
      case FULL_OUTER -> "FullOuter";
      case LEFT_SEMI -> "LeftSemi";
      case LEFT_ANTI -> "LeftAnti";
      case CROSS -> "Cross";
    };
  }

  /**
   * Parses the {@code how} argument as Spark does: case-insensitive, underscores optional ({@code left},
   * {@code leftouter}, {@code left_outer}, {@code outer}, {@code full}, {@code semi}, {@code anti}, ...).
   *
   * @throws EmberIllegalArgumentException {@code UNSUPPORTED_JOIN_TYPE} listing the supported names
   */
  public static JoinType fromString(String how) {
    String t = how.toLowerCase(Locale.ROOT).replace("_", "");
    return switch (t) {
      case "inner" -> INNER;
      case "outer", "full", "fullouter" -> FULL_OUTER;
      case "left", "leftouter" -> LEFT_OUTER;
      case "right", "rightouter" -> RIGHT_OUTER;
      case "leftsemi", "semi" -> LEFT_SEMI;
      case "leftanti", "anti" -> LEFT_ANTI;
      case "cross" -> CROSS;
      default -> throw new EmberIllegalArgumentException(
          "UNSUPPORTED_JOIN_TYPE",
          "Unsupported join type '" + how + "'. Supported join types include: 'inner', 'outer', 'full',"
              + " 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right',"
              + " 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.");
    };
  }
}
