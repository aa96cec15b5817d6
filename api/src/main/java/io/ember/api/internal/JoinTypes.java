package io.ember.api.internal;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.List;
import java.util.Locale;

/** Normalizes the join type strings Spark accepts to the names {@link io.ember.api.logical.LogicalPlan.Join} uses. */
public final class JoinTypes {
  /** Every spelling Spark accepts, in the order its error message lists them. */
  public static final List<String> SUPPORTED = List.of(
      "inner",
      "outer", "full", "fullouter", "full_outer",
      "leftouter", "left", "left_outer",
      "rightouter", "right", "right_outer",
      "leftsemi", "left_semi", "semi",
      "leftanti", "left_anti", "anti",
      "cross");

  private JoinTypes() {}

  /**
   * One of {@code inner, left_outer, right_outer, full_outer, left_semi, left_anti, cross}.
   *
   * @throws EmberIllegalArgumentException {@code UNSUPPORTED_JOIN_TYPE} listing the accepted spellings
   */
  public static String normalize(String how) {
    String key = how == null ? "" : how.toLowerCase(Locale.ROOT).replace("_", "");
    switch (key) {
      case "inner":
        return "inner";
      case "outer", "full", "fullouter":
        return "full_outer";
      case "leftouter", "left":
        return "left_outer";
      case "rightouter", "right":
        return "right_outer";
      case "leftsemi", "semi":
        return "left_semi";
      case "leftanti", "anti":
        return "left_anti";
      case "cross":
        return "cross";
      default:
        throw new EmberIllegalArgumentException(
            "UNSUPPORTED_JOIN_TYPE",
            "Unsupported join type '" + how + "'. Supported join types include: '"
                + String.join("', '", SUPPORTED) + "'.");
    }
  }
}
