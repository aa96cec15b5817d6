package io.ember.api.execution;

import static io.ember.api.execution.Plans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.conf.SessionConf;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.runtime.LocalRuntime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryExecutionSmokeTest {
  static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(2);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @Test
  void filterProjectSort() {
    StructType s = schema("k", DataTypes.STRING, "v", DataTypes.INTEGER);
    LogicalPlan df = local(s, Row.of("a", 1), Row.of("b", 2), Row.of("a", 3), Row.of("c", null));
    LogicalPlan q = sort(select(filter(df, op(Op.GREATER_THAN, col("v"), lit(1))), col("k"),
        as(op(Op.ADD, col("v"), lit(10)), "w")), desc(col("w")));
    QueryExecution qe = new QueryExecution(new SessionConf(), runtime, q);
    System.out.println(qe.explain(true));
    assertEquals(List.of(Row.of("a", 13), Row.of("b", 12)), qe.collectRows());
  }

  @Test
  void groupByCount() {
    StructType s = schema("k", DataTypes.STRING, "v", DataTypes.INTEGER);
    LogicalPlan df = local(s, Row.of("a", 1), Row.of("b", 2), Row.of("a", 3), Row.of("c", null));
    LogicalPlan q = sort(groupBy(df, List.of(col("k")), as(call("sum", col("v")), "s"), call("count", star())),
        asc(col("k")));
    QueryExecution qe = new QueryExecution(new SessionConf(), runtime, q);
    System.out.println(qe.explain(true));
    assertEquals(List.of(Row.of("a", 4L, 2L), Row.of("b", 2L, 1L), Row.of("c", null, 1L)), qe.collectRows());
    assertEquals(3, qe.count());
  }
}
