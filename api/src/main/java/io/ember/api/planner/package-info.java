/**
 * The physical planner: {@link io.ember.api.planner.PhysicalPlanner} turns an optimized
 * {@link io.ember.api.analysis.ResolvedPlan} into a runtime {@link io.ember.runtime.graph.JobGraph} of operator
 * specs with parallelism and exchanges (hash for aggregations, distinct and joins; broadcast for small join
 * sides; gather for global sorts, limits and aggregates).
 */
package io.ember.api.planner;
