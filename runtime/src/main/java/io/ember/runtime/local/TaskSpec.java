package io.ember.runtime.local;

import io.ember.connectors.source.SourceSplit;
import java.util.List;

/**
 * Everything one task instance needs to run: its chain, its index, its input channels and its gates.
 *
 * @param taskId the task's id within the job (index into the plan's task list)
 * @param chain the fused vertices it runs
 * @param index this instance's index among {@code chain.parallelism()}
 * @param channelInputs for each input channel, the input index it feeds
 * @param numInputs the number of inputs of the chain's head (0 for a source)
 * @param gates outgoing edges of the chain's tail
 * @param splits the source splits this task reads (empty unless the head is a source)
 * @param sharedUpstream true when two inputs of the head descend from a common vertex: batches of a later
 *     input that arrive before the earlier inputs ended are then credited on arrival (buffered without
 *     bound) instead of after processing, because holding their credits would also stall the common
 *     upstream's output to the earlier input, which could then never end
 */
record TaskSpec(
    int taskId, TaskChain chain, int index, int[] channelInputs, int numInputs, List<GateSpec> gates,
    List<SourceSplit> splits, boolean sharedUpstream) {

  /** {@code chain[index]}, e.g. {@code v1+v2[3]}. */
  String name() {
    return chain.name() + "[" + index + "]";
  }

  /** The number of channels feeding {@code input}. */
  int channelsOf(int input) {
    int n = 0;
    for (int i : channelInputs) {
      if (i == input) {
        n++;
      }
    }
    return n;
  }

  TaskSpec withSplits(List<SourceSplit> newSplits) {
    return new TaskSpec(taskId, chain, index, channelInputs, numInputs, gates, List.copyOf(newSplits), sharedUpstream);
  }
}
