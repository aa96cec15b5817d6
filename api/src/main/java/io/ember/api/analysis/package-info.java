/**
 * Analysis: {@link io.ember.api.analysis.Analyzer} turns the DataFrame API's
 * {@link io.ember.api.logical.LogicalPlan} into a {@link io.ember.api.analysis.ResolvedPlan}, whose expressions
 * are core {@link io.ember.core.expr.Expression}s bound by column position to their child's output. Names
 * resolve case-insensitively unless {@code spark.sql.caseSensitive}; {@code t.col} through {@code df.alias("t")};
 * {@code df.col("x")} through the plan id it carries. Problems surface as
 * {@link io.ember.core.errors.AnalysisException} with Spark's error classes.
 */
package io.ember.api.analysis;
