package io.ember.api.analysis;

import io.ember.connectors.source.Source;
import io.ember.connectors.source.SupportsPushdown;
import io.ember.core.data.Batch;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructType;
import io.ember.operators.join.JoinType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A query after analysis: every name resolved, every expression bound ({@link io.ember.core.expr.ColumnRef}
 * by position) to the output of the node's child (for a join: the left output followed by the right one)
 * and typed. The optimizer rewrites these trees; the physical planner turns them into a job graph.
 * Immutable records; a rewrite returns a new node.
 */
public sealed interface ResolvedPlan {
  /** The output columns, in order. */
  List<Attr> output();

  List<ResolvedPlan> children();

  /** A copy over {@code newChildren}, whose outputs must have the same types as the current children's. */
  ResolvedPlan withChildren(List<ResolvedPlan> newChildren);

  /** One line for plan trees, e.g. {@code Filter [(x > 1)]}. */
  String describe();

  /**
   * A node over exactly one input, {@link #child()}: {@link #children()} and {@link #withChildren} follow from
   * {@link #withChild}.
   */
  sealed interface Unary extends ResolvedPlan {
    /** The one input. */
    ResolvedPlan child();

    /** A copy over {@code newChild}, whose output must have the same types as the current child's. */
    ResolvedPlan withChild(ResolvedPlan newChild);

    @Override
    default List<ResolvedPlan> children() {
      return List.of(child());
    }

    @Override
    default ResolvedPlan withChildren(List<ResolvedPlan> newChildren) {
      return withChild(newChildren.get(0));
    }
  }

  default StructType schema() {
    List<io.ember.core.types.StructField> fields = new ArrayList<>();
    for (Attr a : output()) {
      fields.add(a.field());
    }
    return new StructType(fields);
  }

  /**
   * Reads a connector source: {@code source} as pushdown left it, {@code output} its schema. {@code origin} is the
   * scan as the query named it, before pushdown, and which of its columns this one reads; {@code pushedFilters} were
   * handed to the source, bound to the origin's output.
   */
  record Scan(Source source, List<Attr> output, List<Expression> pushedFilters, Origin origin) implements ResolvedPlan {
    public Scan {
      output = List.copyOf(output);
      pushedFilters = List.copyOf(pushedFilters);
    }

    /** A scan of every column of {@code source}, nothing pushed. */
    public Scan(Source source, List<Attr> output) {
      this(source, output, List.of(), Origin.of(source, output));
    }

    /**
     * A scan before pushdown: the query's {@code source} (pushdown derives new sources from it), its columns
     * {@code output} as analyzed, and the positions in {@code output} of the columns a scan derived from it reads,
     * in order.
     */
    public record Origin(Source source, List<Attr> output, List<Integer> columns) {
      public Origin {
        output = List.copyOf(output);
        columns = List.copyOf(columns);
      }

      /** Every column of {@code source}. */
      static Origin of(Source source, List<Attr> output) {
        List<Integer> all = new ArrayList<>(output.size());
        for (int i = 0; i < output.size(); i++) {
          all.add(i);
        }
        return new Origin(source, output, all);
      }
    }

    /**
     * This scan with {@code filters} (bound to {@link #output()}) handed to its source, which must support pushdown
     * and then applies them exactly.
     */
    public Scan withPushedFilters(List<Expression> filters) {
      int[] toOrigin = origin.columns().stream().mapToInt(Integer::intValue).toArray();
      List<Expression> all = new ArrayList<>(pushedFilters);
      for (Expression f : filters) {
        all.add(Exprs.remap(f, toOrigin));
      }
      return new Scan(((SupportsPushdown) source).withFilters(filters), output, all, origin);
    }

    /**
     * This scan reading only its columns at {@code positions} (of {@link #output()}, in that order) from its source,
     * which must support pushdown.
     */
    public Scan withPushedColumns(int[] positions) {
      List<Attr> out = new ArrayList<>(positions.length);
      List<Integer> columns = new ArrayList<>(positions.length);
      for (int p : positions) {
        out.add(output.get(p));
        columns.add(origin.columns().get(p));
      }
      return new Scan(((SupportsPushdown) source).withColumns(positions), out, pushedFilters,
          new Origin(origin.source(), origin.output(), columns));
    }

    @Override
    public List<ResolvedPlan> children() {
      return List.of();
    }

    @Override
    public ResolvedPlan withChildren(List<ResolvedPlan> newChildren) {
      return this;
    }

    @Override
    public String describe() {
      return "Scan " + source.explain() + " " + names(output)
          + (pushedFilters.isEmpty() ? "" : " PushedFilters: " + sqls(pushedFilters));
    }
  }

  /** Rows held in memory. */
  record LocalData(List<Attr> output, List<Batch> batches) implements ResolvedPlan {
    public LocalData {
      output = List.copyOf(output);
      batches = List.copyOf(batches);
    }

    public long numRows() {
      long n = 0;
      for (Batch b : batches) {
        n += b.numRows();
      }
      return n;
    }

    @Override
    public List<ResolvedPlan> children() {
      return List.of();
    }

    @Override
    public ResolvedPlan withChildren(List<ResolvedPlan> newChildren) {
      return this;
    }

    @Override
    public String describe() {
      return "LocalRelation " + names(output) + ", " + numRows() + " rows";
    }
  }

  /** {@code range(start, end, step)}: one bigint column; {@code numPartitions} 0 means the default. */
  record RangeScan(long start, long end, long step, int numPartitions, List<Attr> output) implements ResolvedPlan {
    public RangeScan {
      output = List.copyOf(output);
    }

    @Override
    public List<ResolvedPlan> children() {
      return List.of();
    }

    @Override
    public ResolvedPlan withChildren(List<ResolvedPlan> newChildren) {
      return this;
    }

    @Override
    public String describe() {
      return "Range (" + start + ", " + end + ", step=" + step
          + (numPartitions > 0 ? ", splits=" + numPartitions : "") + ")";
    }
  }

  /** One output column per expression. */
  record Project(List<Expression> exprs, List<Attr> output, ResolvedPlan child) implements Unary {
    public Project {
      exprs = List.copyOf(exprs);
      output = List.copyOf(output);
    }

    @Override
    public ResolvedPlan withChild(ResolvedPlan newChild) {
      return new Project(exprs, output, newChild);
    }

    @Override
    public String describe() {
      List<String> cols = new ArrayList<>();
      for (int i = 0; i < exprs.size(); i++) {
        String sql = exprs.get(i).sql();
        String name = output.get(i).name();
        cols.add(sql.equals(name) ? sql : sql + " AS " + name);
      }
      return "Project [" + String.join(", ", cols) + "]";
    }
  }

  /** Keeps the rows where every conjunct is true. */
  record Filter(List<Expression> conjuncts, List<Attr> output, ResolvedPlan child) implements Unary {
    public Filter {
      conjuncts = List.copyOf(conjuncts);
      output = List.copyOf(output);
    }

    @Override
    public ResolvedPlan withChild(ResolvedPlan newChild) {
      return new Filter(conjuncts, output, newChild);
    }

    @Override
    public String describe() {
      return "Filter " + conjunction(conjuncts);
    }
  }

  /** Groups by {@code keys}; output = one column per key, then one per aggregate call. */
  record Aggregate(List<Expression> keys, List<AggCall> aggs, List<Attr> output, ResolvedPlan child)
      implements Unary {
    public Aggregate {
      keys = List.copyOf(keys);
      aggs = List.copyOf(aggs);
      output = List.copyOf(output);
    }

    @Override
    public ResolvedPlan withChild(ResolvedPlan newChild) {
      return new Aggregate(keys, aggs, output, newChild);
    }

    @Override
    public String describe() {
      return "Aggregate keys=" + sqls(keys) + ", functions="
          + aggs.stream().map(AggCall::sql).collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /**
   * Spark's {@code Expand}: each child row once per list of {@code projections} (expressions bound to the child's
   * output, one per output column). Under {@code ROLLUP}/{@code CUBE}/{@code GROUPING SETS} each list passes the
   * child's columns, then the grouping columns with a typed null for those its set leaves out, then the set's
   * grouping id; the {@link Aggregate} above groups by those last columns.
   */
  record Expand(List<List<Expression>> projections, List<Attr> output, ResolvedPlan child) implements Unary {
    public Expand {
      projections = projections.stream().map(List::copyOf).toList();
      output = List.copyOf(output);
    }

    @Override
    public ResolvedPlan withChild(ResolvedPlan newChild) {
      return new Expand(projections, output, newChild);
    }

    @Override
    public String describe() {
      return "Expand " + projections.stream().map(ResolvedPlan::sqls).collect(Collectors.joining(", ", "[", "]"))
          + ", " + names(output);
    }
  }

  /** Orders rows by {@code keys}. */
  record Sort(List<SortKey> keys, List<Attr> output, ResolvedPlan child) implements Unary {
    public Sort {
      keys = List.copyOf(keys);
      output = List.copyOf(output);
    }

    @Override
    public ResolvedPlan withChild(ResolvedPlan newChild) {
      return new Sort(keys, output, newChild);
    }

    @Override
    public String describe() {
      return "Sort " + keys.stream().map(SortKey::sql).collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /** Skips {@code offset} rows, then keeps at most {@code limit}. */
  record Limit(int limit, int offset, List<Attr> output, ResolvedPlan child) implements Unary {
    public Limit {
      output = List.copyOf(output);
    }

    @Override
    public ResolvedPlan withChild(ResolvedPlan newChild) {
      return new Limit(limit, offset, output, newChild);
    }

    @Override
    public String describe() {
      return "Limit " + limit + (offset > 0 ? " Offset " + offset : "");
    }
  }

  /**
   * Keeps the first row of each distinct value of the {@code keys} columns (all columns when empty).
   * {@code aggregation}: it came from {@code distinct()}, which Spark plans as an aggregation on all columns
   * (on a stream: a streaming aggregation, with its output-mode rules); else from {@code dropDuplicates}
   * (on a stream: a streaming deduplication).
   */
  record Distinct(List<Integer> keys, List<Attr> output, ResolvedPlan child, boolean aggregation)
      implements Unary {
    public Distinct {
      keys = List.copyOf(keys);
      output = List.copyOf(output);
    }

    /** A {@code dropDuplicates}. */
    public Distinct(List<Integer> keys, List<Attr> output, ResolvedPlan child) {
      this(keys, output, child, false);
    }

    @Override
    public ResolvedPlan withChild(ResolvedPlan newChild) {
      return new Distinct(keys, output, newChild, aggregation);
    }

    @Override
    public String describe() {
      if (keys.isEmpty()) {
        return "Distinct";
      }
      return "Deduplicate " + keys.stream().map(k -> output.get(k).name()).collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /**
   * Joins {@code left} and {@code right} where {@code leftKeys[i] = rightKeys[i]} (bound to each side's
   * output) and every conjunct of {@code condition} (bound to the left output followed by the right one)
   * holds. Output: left then right columns, or left only for semi and anti joins.
   */
  record Join(JoinType type, List<Expression> leftKeys, List<Expression> rightKeys, List<Expression> condition,
      List<Attr> output, ResolvedPlan left, ResolvedPlan right) implements ResolvedPlan {
    public Join {
      leftKeys = List.copyOf(leftKeys);
      rightKeys = List.copyOf(rightKeys);
      condition = List.copyOf(condition);
      output = List.copyOf(output);
    }

    @Override
    public List<ResolvedPlan> children() {
      return List.of(left, right);
    }

    @Override
    public ResolvedPlan withChildren(List<ResolvedPlan> newChildren) {
      return new Join(type, leftKeys, rightKeys, condition, output, newChildren.get(0), newChildren.get(1));
    }

    @Override
    public String describe() {
      StringBuilder sb = new StringBuilder("Join ").append(type.sqlName());
      if (!leftKeys.isEmpty()) {
        sb.append(", keys=").append(sqls(leftKeys)).append(" = ").append(sqls(rightKeys));
      }
      if (!condition.isEmpty()) {
        sb.append(", condition=").append(conjunction(condition));
      }
      return sb.toString();
    }
  }

  /** All rows of every input (UNION ALL); inputs already have the output's types, column by column. */
  record Union(List<Attr> output, List<ResolvedPlan> inputs) implements ResolvedPlan {
    public Union {
      output = List.copyOf(output);
      inputs = List.copyOf(inputs);
    }

    @Override
    public List<ResolvedPlan> children() {
      return inputs;
    }

    @Override
    public ResolvedPlan withChildren(List<ResolvedPlan> newChildren) {
      return new Union(output, newChildren);
    }

    @Override
    public String describe() {
      return "Union";
    }
  }

  /**
   * {@code explode(array)}: one output row per element of {@code array} (bound to the child's output), the
   * child's columns followed by the element; {@code outer} keeps rows with a null or empty array (element null).
   */
  record Generate(Expression array, boolean outer, List<Attr> output, ResolvedPlan child) implements Unary {
    public Generate {
      output = List.copyOf(output);
    }

    @Override
    public ResolvedPlan withChild(ResolvedPlan newChild) {
      return new Generate(array, outer, output, newChild);
    }

    @Override
    public String describe() {
      return "Generate " + (outer ? "explode_outer(" : "explode(") + array.sql() + ") AS "
          + output.get(output.size() - 1).name();
    }
  }

  /**
   * {@code withWatermark}: passes rows through unchanged and tracks the largest value of column
   * {@code eventTime} (a timestamp) to define the event-time watermark, {@code delayMicros} behind it.
   * Only over streams; {@code delayThreshold} is the interval as the user wrote it.
   */
  record EventTimeWatermark(int eventTime, long delayMicros, String delayThreshold, List<Attr> output,
      ResolvedPlan child) implements Unary {
    public EventTimeWatermark {
      output = List.copyOf(output);
    }

    @Override
    public ResolvedPlan withChild(ResolvedPlan newChild) {
      return new EventTimeWatermark(eventTime, delayMicros, delayThreshold, output, newChild);
    }

    @Override
    public String describe() {
      return "EventTimeWatermark " + output.get(eventTime).name() + ", " + delayThreshold;
    }
  }

  /**
   * The child's rows, unchanged, redistributed over an exchange: into {@code numPartitions} tasks (0: the
   * shuffle partitions), hashed on {@code keys} (expressions over the child's output) or round-robin when
   * there are none. {@code shuffle} false ({@code coalesce}) never raises the child's task count.
   */
  record Repartition(int numPartitions, List<Expression> keys, boolean shuffle, List<Attr> output, ResolvedPlan child)
      implements Unary {
    public Repartition {
      keys = List.copyOf(keys);
      output = List.copyOf(output);
    }

    @Override
    public ResolvedPlan withChild(ResolvedPlan newChild) {
      return new Repartition(numPartitions, keys, shuffle, output, newChild);
    }

    @Override
    public String describe() {
      String n = numPartitions > 0 ? String.valueOf(numPartitions) : "shufflePartitions";
      if (!shuffle) {
        return "Coalesce " + n;
      }
      return keys.isEmpty() ? "Repartition " + n + ", RoundRobin"
          : "RepartitionByExpression " + keys.stream().map(Expression::sql).collect(Collectors.joining(", ", "[", "]"))
              + ", " + n;
    }
  }

  /**
   * {@code dropDuplicatesWithinWatermark}: keeps a row unless an earlier row with the same {@code keys}
   * columns (all when empty) was seen within the watermark delay of its event time.
   */
  record DeduplicateWithinWatermark(List<Integer> keys, List<Attr> output, ResolvedPlan child)
      implements Unary {
    public DeduplicateWithinWatermark {
      keys = List.copyOf(keys);
      output = List.copyOf(output);
    }

    @Override
    public ResolvedPlan withChild(ResolvedPlan newChild) {
      return new DeduplicateWithinWatermark(keys, output, newChild);
    }

    @Override
    public String describe() {
      List<Integer> shown = keys.isEmpty() ? java.util.stream.IntStream.range(0, output.size()).boxed().toList() : keys;
      return "DeduplicateWithinWatermark " + shown.stream().map(k -> output.get(k).name())
          .collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /**
   * Window functions over one window specification: the child's rows, each followed by one column per
   * function, computed over the row's partition ({@code partitionKeys}, bound to the child's output) in
   * {@code orderKeys} order. {@code output} is the child's output then one column per function.
   */
  record Window(List<Expression> partitionKeys, List<SortKey> orderKeys,
      List<io.ember.operators.analytic.WindowFunction> functions, List<Attr> output, ResolvedPlan child)
      implements Unary {
    public Window {
      partitionKeys = List.copyOf(partitionKeys);
      orderKeys = List.copyOf(orderKeys);
      functions = List.copyOf(functions);
      output = List.copyOf(output);
    }

    @Override
    public ResolvedPlan withChild(ResolvedPlan newChild) {
      return new Window(partitionKeys, orderKeys, functions, output, newChild);
    }

    @Override
    public String describe() {
      int first = output.size() - functions.size();
      List<String> fns = new ArrayList<>();
      for (int i = 0; i < functions.size(); i++) {
        fns.add(functions.get(i).sql() + " AS " + output.get(first + i).name());
      }
      return "Window [" + String.join(", ", fns) + "], partition=" + sqls(partitionKeys) + ", order="
          + orderKeys.stream().map(SortKey::sql).collect(Collectors.joining(", ", "[", "]"));
    }
  }

  private static String names(List<Attr> attrs) {
    return attrs.stream().map(Attr::name).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String sqls(List<Expression> exprs) {
    return exprs.stream().map(Expression::sql).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String conjunction(List<Expression> conjuncts) {
    return conjuncts.stream().map(Expression::sql).collect(Collectors.joining(" AND "));
  }
}
