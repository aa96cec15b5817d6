package io.ember.api.udf;

import java.io.Serializable;

/**
 * A Java user-defined function of one argument, as Spark's {@code org.apache.spark.sql.api.java.UDF1}: register it
 * with {@code session.udf().register(name, f, returnType)} or wrap it with {@link UserDefinedFunction#of}.
 * Arguments arrive as the Java values of their columns (see {@link UDFRegistration}); a null input arrives as null.
 * {@link #call} may throw: the query then fails with {@code FAILED_EXECUTE_UDF} carrying the exception.
 *
 * @param <T1> the type of argument 1
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface UDF1<T1, R> extends Serializable {
  R call(T1 t1) throws Exception;
}
