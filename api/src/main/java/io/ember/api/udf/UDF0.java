package io.ember.api.udf;

import java.io.Serializable;

/**
 * A Java user-defined function of no arguments, as Spark's {@code org.apache.spark.sql.api.java.UDF0}: register it
 * with {@code session.udf().register(name, f, returnType)} or wrap it with {@link UserDefinedFunction#of}.
 * It is called once per row.
 * {@link #call} may throw: the query then fails with {@code FAILED_EXECUTE_UDF} carrying the exception.
 *
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface UDF0<R> extends Serializable {
  R call() throws Exception;
}
