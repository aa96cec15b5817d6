package io.ember.operators.stream.aggregate;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.List;

/**
 * One group of a {@link RetractingAggregateOperator}: its number of rows (inserts minus retractions) and, per
 * function, the number of non-null inputs and their sum. Stored as variable-length signed counts, each sum as eight
 * bytes (a {@code bigint}, or a {@code double} for a floating function), only for the functions that have one.
 */
final class GroupState {
  long rows;
  final long[] counts;
  final long[] longSums;
  final double[] doubleSums;

  GroupState(int functions) {
    counts = new long[functions];
    longSums = new long[functions];
    doubleSums = new double[functions];
  }

  static GroupState decode(byte[] bytes, List<RetractableFunction> functions) {
    Input in = new Input(bytes);
    GroupState g = new GroupState(functions.size());
    g.rows = in.readVarLong(false);
    for (int f = 0; f < functions.size(); f++) {
      g.counts[f] = in.readVarLong(false);
      RetractableFunction fn = functions.get(f);
      if (fn.floating()) {
        g.doubleSums[f] = in.readDouble();
      } else if (fn.hasSum()) {
        g.longSums[f] = in.readLong();
      }
    }
    return g;
  }

  void encode(Output out, List<RetractableFunction> functions) {
    out.writeVarLong(rows, false);
    for (int f = 0; f < functions.size(); f++) {
      out.writeVarLong(counts[f], false);
      RetractableFunction fn = functions.get(f);
      if (fn.floating()) {
        out.writeDouble(doubleSums[f]);
      } else if (fn.hasSum()) {
        out.writeLong(longSums[f]);
      }
    }
  }

  /** Function {@code f}'s result: a Long count, a Long or Double sum, a Double average; null without inputs. */
  Object result(RetractableFunction fn, int f) {
    return switch (fn.kind()) {
      case COUNT -> counts[f];
      case SUM -> counts[f] == 0 ? null : fn.floating() ? (Object) doubleSums[f] : (Object) longSums[f];
      case AVG -> counts[f] == 0 ? null : (fn.floating() ? doubleSums[f] : (double) longSums[f]) / counts[f];
    };
  }
}
