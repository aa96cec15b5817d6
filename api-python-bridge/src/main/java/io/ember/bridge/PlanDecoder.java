package io.ember.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.Session;
import io.ember.api.logical.PlanIds;
import io.ember.api.internal.IntervalStrings;
import io.ember.bridge.udf.PythonWorkerPool;
import io.ember.bridge.udf.WorkerLauncher;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds {@link LogicalPlan} records from the plan JSON of {@code PROTOCOL.md} ("Plans"), resolving handles
 * through {@link Handles}. The client's {@code planId}s are mapped, consistently for the bridge's lifetime, to
 * ids from {@link PlanIds} so that they never collide with the ids the JVM hands out itself; a column's
 * {@code planId} goes through the same map. Thread-safe.
 */
public final class PlanDecoder {
  private final Handles handles;
  private final Map<Long, Long> planIds = new ConcurrentHashMap<>();
  private final Map<Long, LogicalPlan> sqlPlans = new ConcurrentHashMap<>();
  private final Map<Long, LogicalPlan> derivedPlans = new ConcurrentHashMap<>();
  private final ExprDecoder exprs;
  private final Session session;

  /**
   * A decoder whose Python UDFs run on {@code workers} and whose {@code Sql} nodes are translated by
   * {@code session} (over its temporary views).
   */
  public PlanDecoder(Handles handles, PythonWorkerPool workers, Session session) {
    this.handles = handles;
    this.session = session;
    this.exprs = new ExprDecoder(this::planId, workers);
  }

  /** A decoder whose Python UDFs run on {@code workers} and whose {@code Sql} nodes use the active session. */
  public PlanDecoder(Handles handles, PythonWorkerPool workers) {
    this(handles, workers, null);
  }

  /** A decoder whose Python UDFs run on a pool of its own (workers as in {@link WorkerLauncher#fromEnvironment}). */
  public PlanDecoder(Handles handles) {
    this(handles, new PythonWorkerPool(WorkerLauncher.fromEnvironment(), Runtime.getRuntime().availableProcessors()));
  }

  /**
   * The Python function described by {@code node} (the fields of a {@code udf} expression, without
   * {@code args}), for {@code spark.udf.register}.
   *
   * @throws EmberIllegalArgumentException as {@link ExprDecoder#pythonFunction}
   */
  public io.ember.api.udf.UserDefinedFunction pythonFunction(JsonNode node) {
    return exprs.pythonFunction(node);
  }

  /**
   * Decodes a plan tree.
   *
   * @throws EmberIllegalArgumentException {@code BRIDGE_INVALID_REQUEST}, {@code BRIDGE_INVALID_TYPE} or
   *     {@code BRIDGE_UNKNOWN_HANDLE} for JSON that does not describe a plan
   */
  public LogicalPlan decode(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new EmberIllegalArgumentException(
          "BRIDGE_INVALID_REQUEST", "A plan must be a JSON object with a \"node\" field, got " + node + ".");
    }
    String kind = Args.text(node, "node");
    long id = planId(Args.longValue(node, "planId"));
    switch (kind) {
      case "SourceScan":
        return new LogicalPlan.SourceScan(id, handles.source(Args.longValue(node, "source")));
      case "LocalRelation": {
        Handles.Relation r = handles.relation(Args.longValue(node, "relation"));
        return new LogicalPlan.LocalRelation(id, r.schema(), r.batches());
      }
      case "Range":
        return new LogicalPlan.Range(id, Args.longValue(node, "start"), Args.longValue(node, "end"),
            Args.optLong(node, "step", 1), Args.optInt(node, "numPartitions", 0));
      case "Project":
        return new LogicalPlan.Project(id, exprs.list(node, "projections"), child(node));
      case "Filter":
        return new LogicalPlan.Filter(id, exprs.decode(Args.required(node, "condition")), child(node));
      case "Aggregate":
        return new LogicalPlan.Aggregate(id, exprs.list(node, "grouping"), exprs.list(node, "aggregates"), child(node));
      case "GroupingSets":
        return groupingSets(id, node);
      case "Sort":
        return new LogicalPlan.Sort(id, sortOrders(node), child(node));
      case "Limit":
        return new LogicalPlan.Limit(id, Args.intValue(node, "limit"), Args.optInt(node, "offset", 0), child(node));
      case "Deduplicate":
        return new LogicalPlan.Deduplicate(id, Args.strings(node, "keys"), child(node),
            Args.bool(node, "distinct", false));
      case "Join":
        return join(id, node);
      case "Union":
        return new LogicalPlan.Union(id, inputs(node), Args.bool(node, "byName", false),
            Args.bool(node, "allowMissingColumns", false));
      case "SubqueryAlias":
        return new LogicalPlan.SubqueryAlias(id, Args.text(node, "alias"), child(node));
      case "SetOperation":
        return setOperation(id, node);
      case "Sql":
        return sql(id, Args.longValue(node, "planId"), Args.text(node, "text"));
      case "EventTimeWatermark":
        return watermark(id, node);
      case "DeduplicateWithinWatermark":
        return new LogicalPlan.DeduplicateWithinWatermark(id, Args.strings(node, "keys"), child(node));
      case "Repartition":
        return repartition(id, node);
      case "Summary":
        return summary(id, Args.longValue(node, "planId"), node);
      case "Replace":
        return replace(id, node);
      default:
        throw new EmberIllegalArgumentException(
            "BRIDGE_INVALID_REQUEST", "Unknown plan node '" + kind + "'. Known: SourceScan, LocalRelation, Range,"
                + " Project, Filter, Aggregate, Sort, Limit, Deduplicate, Join, Union, SubqueryAlias, SetOperation, Sql,"
                + " EventTimeWatermark, DeduplicateWithinWatermark, Repartition, Summary, Replace.");
    }
  }

  /**
   * {@code repartition}/{@code coalesce}: {@code numPartitions} (0 for the shuffle partitions, only with
   * expressions), {@code partitionExprs} and {@code shuffle} (false for coalesce), checked as the DataFrame API does.
   */
  private LogicalPlan repartition(long id, JsonNode node) {
    io.ember.api.DataFrame child = sqlSession().dataFrame(child(node));
    int n = Args.intValue(node, "numPartitions");
    List<LogicalExpr> keys = exprs.list(node, "partitionExprs");
    boolean shuffle = Args.bool(node, "shuffle", true);
    io.ember.api.Column[] cols = keys.stream().map(io.ember.api.Column::new).toArray(io.ember.api.Column[]::new);
    io.ember.api.DataFrame out = !shuffle ? child.coalesce(n)
        : keys.isEmpty() ? child.repartition(n) : n == 0 ? child.repartition(cols) : child.repartition(n, cols);
    return new LogicalPlan.Project(id, List.of(new LogicalExpr.Star(null)), out.logicalPlan());
  }

  /**
   * {@code summary(statistics)} of the child (its statistics computed once, the first time the client plan id
   * is decoded, as {@code Sql} plans are), wrapped in a projection of all columns carrying {@code id}.
   */
  private LogicalPlan summary(long id, long clientId, JsonNode node) {
    LogicalPlan computed = derivedPlans.get(clientId);
    if (computed == null) { // not computeIfAbsent: the child may hold summaries of its own
      computed = sqlSession().dataFrame(child(node)).summary(Args.strings(node, "statistics").toArray(new String[0]))
          .logicalPlan();
      LogicalPlan earlier = derivedPlans.putIfAbsent(clientId, computed);
      computed = earlier != null ? earlier : computed;
    }
    return new LogicalPlan.Project(id, List.of(new LogicalExpr.Star(null)), computed);
  }

  /** {@code na.replace(columns, replacement)}, the replacement a list of {@code [key, value]} JSON scalars. */
  private LogicalPlan replace(long id, JsonNode node) {
    Map<Object, Object> replacement = new java.util.LinkedHashMap<>();
    for (JsonNode pair : Args.required(node, "replacement")) {
      replacement.put(scalar(pair.get(0)), scalar(pair.get(1)));
    }
    io.ember.api.DataFrame out = sqlSession().dataFrame(child(node)).na()
        .replace(Args.strings(node, "columns").toArray(new String[0]), replacement);
    return new LogicalPlan.Project(id, List.of(new LogicalExpr.Star(null)), out.logicalPlan());
  }

  private static Object scalar(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    } else if (v.isBoolean()) {
      return v.booleanValue();
    } else if (v.isTextual()) {
      return v.textValue();
    } else if (v.canConvertToLong() && v.isIntegralNumber()) {
      return v.longValue();
    } else if (v.isNumber()) {
      return v.doubleValue();
    }
    throw new EmberIllegalArgumentException("BRIDGE_INVALID_REQUEST",
        "A replacement key or value must be a JSON boolean, number, string or null, got " + v + ".");
  }

  /** The JVM plan id for a client plan id (the same one every time). */
  long planId(long clientId) {
    return planIds.computeIfAbsent(clientId, k -> PlanIds.next());
  }

  /**
   * The plan of the SQL query {@code text}, translated the first time its client plan id is decoded (later
   * requests for the same DataFrame reuse it, so it keeps the views it was created over, as in Spark). It is
   * wrapped in a projection of all columns carrying {@code id}, so that the client's columns bound to this
   * DataFrame resolve against it.
   */
  private LogicalPlan sql(long id, long clientId, String text) {
    LogicalPlan query = sqlPlans.computeIfAbsent(clientId, k -> sqlSession().sql(text).logicalPlan());
    return new LogicalPlan.Project(id, List.of(new LogicalExpr.Star(null)), query);
  }

  private Session sqlSession() {
    return session != null ? session : Session.active();
  }

  /**
   * {@code intersect}, {@code intersectAll}, {@code subtract} or {@code exceptAll} of {@code left} and
   * {@code right}, planned by the DataFrame API and wrapped in a projection of all columns carrying {@code id}.
   */
  private LogicalPlan setOperation(long id, JsonNode node) {
    Session s = sqlSession();
    io.ember.api.DataFrame left = s.dataFrame(decode(Args.required(node, "left")));
    io.ember.api.DataFrame right = s.dataFrame(decode(Args.required(node, "right")));
    boolean all = Args.bool(node, "all", false);
    String operation = Args.text(node, "operation");
    io.ember.api.DataFrame out = switch (operation) {
      case "intersect" -> all ? left.intersectAll(right) : left.intersect(right);
      case "except" -> all ? left.exceptAll(right) : left.subtract(right);
      default -> throw new EmberIllegalArgumentException("BRIDGE_INVALID_REQUEST",
          "A SetOperation's operation must be \"intersect\" or \"except\", got \"" + operation + "\".");
    };
    return new LogicalPlan.Project(id, List.of(new LogicalExpr.Star(null)), out.logicalPlan());
  }

  /** {@code withWatermark(eventTime, delayThreshold)}: the delay is checked as {@code DataFrame.withWatermark} does. */
  private LogicalPlan watermark(long id, JsonNode node) {
    String eventTime = Args.text(node, "eventTime");
    String delay = Args.text(node, "delayThreshold");
    long micros = IntervalStrings.parse(delay).durationMicros();
    if (micros < 0) {
      throw new EmberIllegalArgumentException("INVALID_PARAMETER_VALUE",
          "requirement failed: delay threshold (" + delay + ") should not be negative.");
    }
    return new LogicalPlan.EventTimeWatermark(id, eventTime, delay, micros, child(node));
  }

  private LogicalPlan child(JsonNode node) {
    return decode(Args.required(node, "child"));
  }

  private List<LogicalPlan> inputs(JsonNode node) {
    List<LogicalPlan> out = new ArrayList<>();
    for (JsonNode n : Args.list(node, "inputs")) {
      out.add(decode(n));
    }
    return out;
  }

  /** {@code rollup}/{@code cube}: {@code sets} lists, per grouping set, indices into {@code grouping}. */
  private LogicalPlan groupingSets(long id, JsonNode node) {
    List<LogicalExpr> grouping = exprs.list(node, "grouping");
    List<List<Integer>> sets = new ArrayList<>();
    for (JsonNode set : Args.list(node, "sets")) {
      if (!set.isArray()) {
        throw Args.invalid(node, "sets", "each grouping set must be a list of indices into grouping");
      }
      List<Integer> indices = new ArrayList<>();
      for (JsonNode i : set) {
        if (!i.canConvertToInt() || i.asInt() < 0 || i.asInt() >= grouping.size()) {
          throw Args.invalid(node, "sets", "index " + i + " is not one of the " + grouping.size() + " grouping"
              + " expressions");
        }
        indices.add(i.asInt());
      }
      sets.add(indices);
    }
    return new LogicalPlan.GroupingSets(id, grouping, sets, exprs.list(node, "aggregates"), child(node));
  }

  private List<LogicalExpr.SortOrder> sortOrders(JsonNode node) {
    List<LogicalExpr.SortOrder> out = new ArrayList<>();
    for (LogicalExpr e : exprs.list(node, "order")) {
      if (!(e instanceof LogicalExpr.SortOrder s)) {
        throw new EmberIllegalArgumentException(
            "BRIDGE_INVALID_REQUEST", "A Sort node's order must hold sort expressions, got " + e.prettyName() + ".");
      }
      out.add(s);
    }
    return out;
  }

  private LogicalPlan join(long id, JsonNode node) {
    JsonNode condition = Args.optional(node, "condition");
    return new LogicalPlan.Join(id, decode(Args.required(node, "left")), decode(Args.required(node, "right")),
        Args.text(node, "joinType"), condition == null ? null : exprs.decode(condition),
        Args.strings(node, "usingColumns"));
  }
}
