package io.ember.connectors.source;

import io.ember.core.expr.EvalContext;

/**
 * Where a reader runs.
 *
 * @param taskIndex the reader task's index
 * @param parallelism the number of reader tasks of this source
 * @param batchSize the maximum number of rows per emitted batch
 * @param eval the expression context (time zone for parsing timestamps, ANSI mode)
 */
public record ReaderContext(int taskIndex, int parallelism, int batchSize, EvalContext eval) {}
