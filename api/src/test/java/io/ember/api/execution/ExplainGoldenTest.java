package io.ember.api.execution;

import static io.ember.api.execution.Plans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.conf.SessionConf;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.runtime.JobConfig;
import io.ember.runtime.JobResult;
import io.ember.runtime.JobRunner;
import io.ember.runtime.graph.JobGraph;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code explain()} text for a few plans, as golden strings. */
class ExplainGoldenTest {
  /** A runner that only reports its parallelism: explain plans but never runs. */
  private record PlanningOnlyRunner(int defaultParallelism) implements JobRunner {
    @Override
    public JobResult run(JobGraph graph, JobConfig config) {
      throw new AssertionError("explain must not run a job");
    }

    @Override
    public io.ember.runtime.StreamingJob startStreaming(JobGraph graph, java.util.Set<Integer> streamingSources,
        JobConfig config, io.ember.runtime.StreamingSettings settings, io.ember.runtime.EpochListener listener) {
      throw new AssertionError("explain must not start a job");
    }

    @Override
    public void close() {}
  }

  private final LogicalPlan sales = local(schema("region", DataTypes.STRING, "amount", DataTypes.INTEGER),
      Row.of("n", 1), Row.of("s", 2), Row.of("n", 3));
  private final LogicalPlan regions = local(schema("region", DataTypes.STRING, "manager", DataTypes.STRING),
      Row.of("n", "ann"));

  private static String explain(LogicalPlan p, boolean extended) {
    return new QueryExecution(new SessionConf(), new PlanningOnlyRunner(2), p).explain(extended);
  }

  @Test
  void aggregationExtended() {
    LogicalPlan q = sort(groupBy(filter(sales, op(Op.GREATER_THAN, col("amount"), op(Op.ADD, lit(0), lit(1)))),
        List.of(col("region")), as(call("sum", col("amount")), "total")), desc(col("total")));
    assertEquals("""
        == Parsed Logical Plan ==
        Sort [total DESC NULLS LAST]
        +- Aggregate [region], [region, sum(amount) AS total]
           +- Filter (amount > (0 + 1))
              +- LocalRelation [region, amount]

        == Analyzed Logical Plan ==
        region: string, total: bigint
        Sort [total DESC NULLS LAST]
        +- Aggregate keys=[region], functions=[sum(amount)]
           +- Filter (amount > (0 + 1))
              +- LocalRelation [region, amount], 3 rows

        == Optimized Logical Plan ==
        Sort [total DESC NULLS LAST]
        +- Aggregate keys=[region], functions=[sum(amount)]
           +- Filter (amount > 1)
              +- LocalRelation [region, amount], 3 rows

        == Physical Plan ==
        Sort([total DESC NULLS LAST]) [parallelism=1]
          <- Exchange SinglePartition
            HashAggregate(keys=[region], functions=[sum(amount)]) [parallelism=2]
              <- Exchange hashpartitioning([0])
                Calc(filter=(amount > 1), project=[region, amount]) -> HashAggregate(keys=[region], functions=[partial_sum(amount)]) [parallelism=2]
                  <- Forward
                    MemoryScan [2 batches, 3 rows] schema=struct<region:string,amount:int> [parallelism=2]
        """, explain(q, true));
  }

  @Test
  void broadcastJoinPhysicalOnly() {
    LogicalPlan q = select(join(sales, regions, "inner", op(Op.EQUAL, col(sales, "region"), col(regions, "region"))),
        col("manager"), col("amount"));
    assertEquals("""
        == Physical Plan ==
        HashJoin(Inner, leftKeys=[region], rightKeys=[region], build=right) -> Project([manager, amount]) [parallelism=2]
          <- BroadcastExchange
            MemoryScan [1 batches, 1 rows] schema=struct<region:string,manager:string> [parallelism=1]
          <- Forward
            MemoryScan [2 batches, 3 rows] schema=struct<region:string,amount:int> [parallelism=2]
        """, explain(q, false));
  }
}
