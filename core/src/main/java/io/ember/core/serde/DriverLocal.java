package io.ember.core.serde;

/**
 * Marks a plan object (a source, a sink, an operator spec) that must stay in the JVM that created it, the
 * driver: it holds callbacks into the user's program, in-memory state the driver reads, or a handle that
 * means nothing elsewhere (a foreachBatch function, a memory table, a test's queue).
 *
 * <p>A job graph vertex holding such an object runs its tasks on the driver node only; the runtime's plan
 * codec refuses to serialize one, with an error naming it, so that it never silently becomes a copy on
 * another node. Objects without this mark must be shippable: made of Ember classes and plain JDK values
 * and collections, with no lambdas or open resources in their fields.
 */
public interface DriverLocal {}
