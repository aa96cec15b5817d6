package io.ember.api.logical;

import java.util.List;

/** Built-in operators of {@link LogicalExpr.Operator}, with Spark's rendering for column names. */
public enum Op {
  ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), REMAINDER("%"),
  EQUAL("="), NOT_EQUAL("!="), LESS_THAN("<"), LESS_THAN_OR_EQUAL("<="), GREATER_THAN(">"),
  GREATER_THAN_OR_EQUAL(">="), NULL_SAFE_EQUAL("<=>"), AND("AND"), OR("OR"),
  NOT("NOT"), NEGATE("-"), IS_NULL("IS NULL"), IS_NOT_NULL("IS NOT NULL"), IN("IN"), BETWEEN("BETWEEN"),
  /** {@code child[key]}: a struct field, an array element or a map value, by the child's type. */
  EXTRACT_VALUE("[]");

  private final String symbol;

  Op(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** Spark's text for the operator over rendered arguments, e.g. {@code (a + 1)}, {@code (NOT b)}, {@code (a IN (1, 2))}. */
  public String render(List<String> args) {
    switch (this) {
      case NOT:
        return "(NOT " + args.get(0) + ")";
      case NEGATE:
        return "(- " + args.get(0) + ")";
      case IS_NULL, IS_NOT_NULL:
        return "(" + args.get(0) + " " + symbol + ")";
      case IN:
        return "(" + args.get(0) + " IN (" + String.join(", ", args.subList(1, args.size())) + "))";
      case BETWEEN:
        return "((" + args.get(0) + " >= " + args.get(1) + ") AND (" + args.get(0) + " <= " + args.get(2) + "))";
      case EXTRACT_VALUE:
        return args.get(0) + "[" + args.get(1) + "]";
      default:
        return "(" + args.get(0) + " " + symbol + " " + args.get(1) + ")";
    }
  }
}
