/**
 * Hash aggregation: {@link io.ember.operators.aggregate.HashAggregateSpec} (the operator blueprint, with
 * PARTIAL / FINAL / COMPLETE modes for two-phase aggregation around a hash exchange), the
 * {@link io.ember.operators.aggregate.AggregateFunction} contract with its vectorized, mergeable
 * {@link io.ember.operators.aggregate.Accumulator}, the Spark aggregate functions, and the
 * {@link io.ember.operators.aggregate.AggregateFunctions} registry the analyzer resolves names through.
 *
 * <p>State is columnar throughout: groups are dense ids from an open-addressing table over the key columns,
 * and accumulators keep per-group state in primitive arrays indexed by group id.
 */
package io.ember.operators.aggregate;
