/**
 * {@link io.ember.api.execution.QueryExecution}: the one entry point the DataFrame API calls to analyze,
 * optimize, plan, run and explain a query.
 */
package io.ember.api.execution;
