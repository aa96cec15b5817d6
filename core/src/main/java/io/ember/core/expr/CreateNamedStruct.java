package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StructVector;
import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code named_struct(name1, value1, ...)} (and {@code struct(..)}, whose names the analyzer derives from its
 * arguments): one struct per row holding the values as fields. Never null; fields are nullable as their values.
 */
public record CreateNamedStruct(List<String> names, List<Expression> values) implements Expression {
  public CreateNamedStruct {
    names = List.copyOf(names);
    values = List.copyOf(values);
  }

  /**
   * {@code named_struct(args)}: names (string literals) alternating with values.
   *
   * @throws io.ember.core.errors.AnalysisException {@code WRONG_NUM_ARGS} for an odd count,
   *     {@code DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING} for a name that is not a string literal
   */
  static Expression build(List<Expression> args) {
    if (args.isEmpty() || args.size() % 2 != 0) {
      throw FunctionRegistry.wrongNumArgs("named_struct", "2n (n > 0)", args.size());
    }
    List<String> names = new ArrayList<>();
    List<Expression> values = new ArrayList<>();
    for (int i = 0; i < args.size(); i += 2) {
      if (!(args.get(i) instanceof Literal l) || !(l.value() instanceof String name)) {
        throw new io.ember.core.errors.AnalysisException(
            "DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING", Expressions.mismatch(
                Expressions.callSql("named_struct", args), "Only foldable \"STRING\" expressions are allowed to appear"
                    + " at odd position, but they are [" + args.get(i).sql() + "]."));
      }
      names.add(name);
      values.add(args.get(i + 1));
    }
    return new CreateNamedStruct(names, values);
  }

  /** {@code struct(v1, v2, ...)} where no names are known: fields {@code col1, col2, ...}. */
  static Expression positional(List<Expression> args) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      names.add("col" + (i + 1));
    }
    return new CreateNamedStruct(names, args);
  }

  @Override
  public DataType dataType() {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      fields.add(new StructField(names.get(i), values.get(i).dataType(), values.get(i).nullable()));
    }
    return new StructType(fields);
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public List<Expression> children() {
    return values;
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new CreateNamedStruct(names, newChildren);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    ColumnVector[] children = new ColumnVector[values.size()];
    for (int i = 0; i < children.length; i++) {
      children[i] = values.get(i).evaluate(input, context);
    }
    return new StructVector((StructType) dataType(), children, null, input.numRows());
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("named_struct(");
    for (int i = 0; i < names.size(); i++) {
      sb.append(i > 0 ? ", " : "").append('\'').append(names.get(i)).append("', ").append(values.get(i).sql());
    }
    return sb.append(')').toString();
  }
}
