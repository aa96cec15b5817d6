/**
 * Spark's string functions as vectorized {@link io.ember.core.expr.Expression}s, registered by name in
 * {@link io.ember.core.expr.StringFunctions}.
 *
 * <p>Kernels that are simple on UTF-8 ({@code length}, ASCII {@code upper}/{@code lower}, trims,
 * {@code substring}, {@code contains}/{@code startswith}/{@code endswith}/{@code instr}/{@code locate},
 * and {@code LIKE} patterns whose only wildcard is {@code %}) read {@link io.ember.core.data.StringVector}'s
 * bytes without decoding; the rest decode per row through {@link io.ember.core.expr.string.RowEval}.
 * Positions and lengths count code points, as Spark's do. {@link io.ember.core.expr.string.FunctionArgs}
 * holds the arity and type checks shared with the date/time package.
 */
package io.ember.core.expr.string;
