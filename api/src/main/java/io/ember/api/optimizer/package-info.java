/**
 * The rule-based optimizer over {@link io.ember.api.analysis.ResolvedPlan}s: constant folding, boolean
 * simplification, filter and projection merging, predicate pushdown (through projections, below joins where
 * the join type allows, into sources that support it), projection pruning and sort elimination. Each rule is
 * a small {@link io.ember.api.optimizer.Rule}; {@link io.ember.api.optimizer.Optimizer} runs them.
 */
package io.ember.api.optimizer;
