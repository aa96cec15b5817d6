package io.ember.api.planner.streaming;

import io.ember.runtime.graph.JobGraph;
import java.util.Map;
import java.util.Set;

/**
 * A streaming query planned for {@link io.ember.runtime.JobRunner#startStreaming}.
 *
 * @param graph the job
 * @param streamingSources the vertex ids of the unbounded sources (the static side of a stream-static join is
 *     not among them: it is read once)
 * @param sourceDescriptions per streaming source vertex, its description for progress reports ({@code sources})
 * @param statefulOperatorNames per vertex whose first operator keeps state across epochs, Spark's name of the
 *     operator for {@code stateOperators} ({@code stateStoreSave}, {@code dedupe}, {@code symmetricHashJoin},
 *     ...)
 * @param sinkVertex the id of the sink vertex
 */
public record StreamingPhysicalPlan(JobGraph graph, Set<Integer> streamingSources,
    Map<Integer, String> sourceDescriptions, Map<Integer, String> statefulOperatorNames, int sinkVertex) {
  public StreamingPhysicalPlan {
    streamingSources = Set.copyOf(streamingSources);
    sourceDescriptions = Map.copyOf(sourceDescriptions);
    statefulOperatorNames = Map.copyOf(statefulOperatorNames);
  }
}
