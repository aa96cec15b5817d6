package io.ember.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.ember.api.functions;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.Op;
import io.ember.bridge.udf.PythonEvalType;
import io.ember.bridge.udf.PythonFunction;
import io.ember.bridge.udf.PythonUdfBinder;
import io.ember.bridge.udf.PythonWorkerPool;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;

/** Builds {@link LogicalExpr} records from the expression JSON of {@code PROTOCOL.md} ("Expressions"). */
final class ExprDecoder {
  private final LongUnaryOperator planIds;
  private final PythonWorkerPool workers;

  /** {@code planIds} maps a column's client plan id to the JVM's; {@code workers} runs {@code udf} expressions. */
  ExprDecoder(LongUnaryOperator planIds, PythonWorkerPool workers) {
    this.planIds = planIds;
    this.workers = workers;
  }

  List<LogicalExpr> list(JsonNode obj, String field) {
    List<LogicalExpr> out = new ArrayList<>();
    for (JsonNode n : Args.list(obj, field)) {
      out.add(decode(n));
    }
    return out;
  }

  LogicalExpr decode(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new EmberIllegalArgumentException(
          "BRIDGE_INVALID_REQUEST", "An expression must be a JSON object with an \"expr\" field, got " + node + ".");
    }
    String kind = Args.text(node, "expr");
    switch (kind) {
      case "col": {
        JsonNode planId = Args.optional(node, "planId");
        return new LogicalExpr.UnresolvedColumn(Args.text(node, "name"),
            planId == null ? null : planIds.applyAsLong(Args.longValue(node, "planId")));
      }
      case "star":
        return new LogicalExpr.Star(Args.optText(node, "qualifier"));
      case "lit":
        return JsonLiterals.decode(node);
      case "call":
        return new LogicalExpr.Call(Args.text(node, "name"), list(node, "args"), Args.bool(node, "distinct", false));
      case "op":
        return new LogicalExpr.Operator(op(Args.text(node, "op")), list(node, "args"));
      case "cast":
        return new LogicalExpr.Cast(decode(Args.required(node, "child")), TypeCodec.fromJson(Args.required(node, "to")));
      case "alias":
        return new LogicalExpr.Alias(decode(Args.required(node, "child")), Args.text(node, "name"));
      case "multiAlias":
        return new LogicalExpr.MultiAlias(decode(Args.required(node, "child")), Args.strings(node, "names"));
      case "case": {
        JsonNode otherwise = Args.optional(node, "otherwise");
        return caseWhen(list(node, "conditions"), list(node, "values"), otherwise == null ? null : decode(otherwise));
      }
      case "sort":
        return new LogicalExpr.SortOrder(decode(Args.required(node, "child")), Args.bool(node, "ascending", true),
            Args.bool(node, "nullsFirst", Args.bool(node, "ascending", true)));
      case "udf":
        return udf(node);
      case "sqlExpr":
        return functions.expr(Args.text(node, "text")).expr();
      case "window":
        return window(node);
      default:
        throw new EmberIllegalArgumentException(
            "BRIDGE_INVALID_REQUEST", "Unknown expression '" + kind + "'. Known: col, star, lit, call, op, cast,"
                + " alias, multiAlias, case, sort, udf, sqlExpr, window.");
    }
  }

  /** {@code function OVER (partitionBy, orderBy, frame)}; {@code frame} null or absent: Spark's default frame. */
  private LogicalExpr window(JsonNode node) {
    List<LogicalExpr.SortOrder> order = new ArrayList<>();
    for (LogicalExpr o : list(node, "orderBy")) {
      order.add(o instanceof LogicalExpr.SortOrder s ? s : new LogicalExpr.SortOrder(o, true, true));
    }
    io.ember.operators.analytic.WindowFrame frame = null;
    JsonNode f = Args.optional(node, "frame");
    if (f != null && !f.isNull()) {
      String type = Args.text(f, "type");
      if (!type.equals("rows") && !type.equals("range")) {
        throw Args.invalid(f, "type", "must be \"rows\" or \"range\"");
      }
      frame = new io.ember.operators.analytic.WindowFrame(type.equals("rows"), Args.longValue(f, "start"),
          Args.longValue(f, "end"));
    }
    return new LogicalExpr.WindowExpression(decode(Args.required(node, "function")),
        new LogicalExpr.WindowDefinition(list(node, "partitionBy"), order, frame));
  }

  private LogicalExpr udf(JsonNode node) {
    PythonUdfBinder binder = pythonBinder(node);
    return new LogicalExpr.UserFunction(binder.function().name(), list(node, "args"), binder);
  }

  /**
   * The Python function a {@code udf} expression's fields describe ({@code name}, {@code function},
   * {@code returnType}, {@code evalType}, {@code deterministic}; {@code args} are not read), registered with the
   * worker pool, as a function to register by name for SQL ({@code registerUdf}).
   *
   * @throws EmberIllegalArgumentException {@code BRIDGE_INVALID_REQUEST} or {@code BRIDGE_INVALID_TYPE} for
   *     fields that do not describe one
   */
  public io.ember.api.udf.UserDefinedFunction pythonFunction(JsonNode node) {
    PythonUdfBinder binder = pythonBinder(node);
    return io.ember.api.udf.UserDefinedFunction.fromBinder(binder.function().name(), binder);
  }

  private PythonUdfBinder pythonBinder(JsonNode node) {
    String name = Args.text(node, "name");
    byte[] pickled;
    try {
      pickled = Base64.getDecoder().decode(Args.text(node, "function"));
    } catch (IllegalArgumentException e) {
      throw Args.invalid(node, "function", "must be the base64 text of the pickled function");
    }
    PythonFunction f = workers.register(name, pickled, TypeCodec.fromJson(Args.required(node, "returnType")),
        PythonEvalType.fromWire(Args.text(node, "evalType")), Args.bool(node, "deterministic", true));
    return new PythonUdfBinder(f, workers);
  }

  private static LogicalExpr caseWhen(List<LogicalExpr> conditions, List<LogicalExpr> values, LogicalExpr otherwise) {
    if (conditions.size() != values.size() || conditions.isEmpty()) {
      throw new EmberIllegalArgumentException(
          "BRIDGE_INVALID_REQUEST", "A case expression needs as many values as conditions, and at least one; got "
              + conditions.size() + " conditions and " + values.size() + " values.");
    }
    return new LogicalExpr.CaseWhen(conditions, values, otherwise);
  }

  private static Op op(String name) {
    try {
      return Op.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new EmberIllegalArgumentException(
          "BRIDGE_INVALID_REQUEST", "Unknown operator '" + name + "'. Known: " + List.of(Op.values()) + ".");
    }
  }
}
