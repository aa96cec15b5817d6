package io.ember.runtime.cluster;

/**
 * What a node offers and runs, as its {@link NodeAgent} reports it.
 *
 * @param address the node's Pekko address, as {@code pekko://ember@10.0.0.5:7355}
 * @param pid the node's process id
 * @param cores how many tasks it runs at once
 * @param memoryBytes the memory it offers to tasks
 * @param runningTasks the tasks running on it now (0 until cluster jobs run)
 * @param replicaMemoryBytes the memory its checkpoint replicas of other nodes' state take (0 until then)
 */
public record NodeInfo(String address, long pid, int cores, long memoryBytes, int runningTasks,
    long replicaMemoryBytes) implements ClusterMessage {}
