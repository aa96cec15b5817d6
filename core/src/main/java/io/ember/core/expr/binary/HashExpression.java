package io.ember.core.expr.binary;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.expr.string.FunctionArgs;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.MapType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.Arrays;
import java.util.List;

/**
 * Spark's {@code hash(expr, ...)} and {@code xxhash64(expr, ...)}: the arguments hashed in order, each with the
 * hash of those before it as its seed (the first with {@link HashAlgorithm#SEED}), each value encoded as
 * {@link VectorHashes} describes. A null argument leaves the hash unchanged, so the result is never null:
 * {@code hash(NULL)} is 42. Evaluation runs argument by argument over the whole batch, one running hash per row in
 * a primitive array, without allocating per row (except for decimals wider than
 * {@value VectorHashes#MAX_LONG_DIGITS} digits, hashed by their bytes as Spark does).
 */
public record HashExpression(HashAlgorithm algorithm, List<Expression> args) implements Expression {
  /** Keeps {@code args} as an immutable copy, so a call that travels in a plan comes back encoding alike. */
  public HashExpression {
    args = List.copyOf(args);
  }

  /**
   * The call of {@code algorithm} on {@code args}, checked as Spark checks it.
   *
   * @throws AnalysisException {@code WRONG_NUM_ARGS} without arguments; {@code DATATYPE_MISMATCH.HASH_MAP_TYPE} for
   *     an argument that is or holds a map (Spark refuses those unless {@code spark.sql.legacy.allowHashOnMapType},
   *     which Ember does not have, is set: equal maps may hold their entries in different orders)
   */
  public static HashExpression of(HashAlgorithm algorithm, List<Expression> args) {
    String name = algorithm.functionName();
    if (args.isEmpty()) {
      throw FunctionRegistry.wrongNumArgs(name, "> 0", 0);
    }
    for (Expression a : args) {
      if (holdsMap(a.dataType())) {
        throw new AnalysisException("DATATYPE_MISMATCH.HASH_MAP_TYPE", "Cannot resolve \""
            + FunctionArgs.callSql(name, args) + "\" due to data type mismatch: Input to the function `" + name
            + "` cannot contain elements of the \"MAP\" type. In Spark, same maps may have different hashcode, thus"
            + " hash expressions are prohibited on \"MAP\" elements. To restore previous behavior set"
            + " \"spark.sql.legacy.allowHashOnMapType\" to \"true\".");
      }
    }
    return new HashExpression(algorithm, args);
  }

  private static boolean holdsMap(DataType t) {
    if (t instanceof MapType) {
      return true;
    } else if (t instanceof ArrayType a) {
      return holdsMap(a.elementType());
    } else if (t instanceof StructType s) {
      for (StructField f : s.fields()) {
        if (holdsMap(f.dataType())) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public DataType dataType() {
    return algorithm.resultType();
  }

  /** Never null: a null argument leaves the running hash as it was. */
  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public List<Expression> children() {
    return args;
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new HashExpression(algorithm, newChildren);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    int n = input.numRows();
    long[] hashes = new long[n];
    Arrays.fill(hashes, HashAlgorithm.SEED);
    for (Expression a : args) {
      VectorHashes.fold(algorithm, a.evaluate(input, context), hashes);
    }
    return algorithm.results(hashes, n);
  }

  @Override
  public String sql() {
    return FunctionArgs.callSql(algorithm.functionName(), args);
  }
}
