/**
 * The operator test kit: {@link io.ember.operators.testkit.OperatorHarness} drives any operator from its spec
 * without actors, so that operator tests in every module check the same contract (output schema, snapshot
 * and restore between batches, memory budget).
 */
package io.ember.operators.testkit;
