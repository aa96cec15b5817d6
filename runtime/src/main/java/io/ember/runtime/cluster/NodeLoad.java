package io.ember.runtime.cluster;

/**
 * The live figures of a node that change as jobs run, read by its {@link NodeAgent} at every
 * {@link NodeAgent.GetNodeInfo}. Called on the agent's thread; implementations must be thread-safe and fast.
 */
public interface NodeLoad {
  /** A node that runs no tasks and holds no replicas: what every node is until cluster jobs run. */
  NodeLoad IDLE = new NodeLoad() {
    @Override
    public int runningTasks() {
      return 0;
    }

    @Override
    public long replicaMemoryBytes() {
      return 0;
    }
  };

  /** Tasks running on this node now. */
  int runningTasks();

  /** Bytes held by this node's checkpoint replicas of other nodes' state. */
  long replicaMemoryBytes();
}
