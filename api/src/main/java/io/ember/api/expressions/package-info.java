/** Window specifications for window functions, as Spark's {@code org.apache.spark.sql.expressions}. */
package io.ember.api.expressions;
