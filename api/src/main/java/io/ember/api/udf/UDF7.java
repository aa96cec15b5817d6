package io.ember.api.udf;

import java.io.Serializable;

/**
 * A Java user-defined function of 7 arguments, as Spark's {@code org.apache.spark.sql.api.java.UDF7}: register it
 * with {@code session.udf().register(name, f, returnType)} or wrap it with {@link UserDefinedFunction#of}.
 * Arguments arrive as the Java values of their columns (see {@link UDFRegistration}); a null input arrives as null.
 * {@link #call} may throw: the query then fails with {@code FAILED_EXECUTE_UDF} carrying the exception.
 *
 * @param <T1> the type of argument 1
 * @param <T2> the type of argument 2
 * @param <T3> the type of argument 3
 * @param <T4> the type of argument 4
 * @param <T5> the type of argument 5
 * @param <T6> the type of argument 6
 * @param <T7> the type of argument 7
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface UDF7<T1, T2, T3, T4, T5, T6, T7, R> extends Serializable {
  R call(T1 t1, T2 t2, T3 t3, T4 t4, T5 t5, T6 t6, T7 t7) throws Exception;
}
