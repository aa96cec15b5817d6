/**
 * Epoch checkpoints: what a checkpoint holds, where its copies live, and the durable checkpoint location.
 *
 * <h2>Values</h2>
 * A {@link io.ember.checkpointing.TaskSnapshot} is one task's contribution to epoch N (its operators' states by
 * position in the fused chain, its source offsets); an {@link io.ember.checkpointing.EpochMetadata} lists what
 * makes up epoch N (every task snapshot with its size and CRC-32C, every source reader's offsets, every sink
 * task's pre-commit, the watermark for epoch N+1). Both have versioned binary codecs; a reader rejects other
 * versions with {@link io.ember.checkpointing.CheckpointVersionException}. Tasks are named by
 * {@link io.ember.checkpointing.TaskStateKey} (vertex id, task index), stable across restarts of one query shape.
 *
 * <h2>How the runtime uses them (one epoch)</h2>
 * <ol>
 *   <li><b>Barrier.</b> At barrier N a task runs {@code endOfEpoch(N)} on its chain and the sink writer's
 *       {@code prepareCommit(N)}, forwards the barrier, then takes a {@code TaskSnapshot}: each operator's state
 *       in chain order ({@code OperatorStates}: its {@code snapshot(N)} bytes and its keyed tables) and, for a
 *       source task, {@code SourceReader.snapshotOffsets(N)}. The task's first snapshot is full; later ones are
 *       deltas on its previous one, holding only the table entries changed since, so the barrier costs what
 *       changed rather than the whole state. Only then does it apply the watermark of epoch N+1.
 *   <li><b>Replica.</b> The task (or a helper thread, so the pipeline does not wait on the copy) calls
 *       {@link io.ember.checkpointing.ReplicaStore#put} with its snapshot: in local mode one
 *       {@link io.ember.checkpointing.ChronicleReplicaStore} per process (or a
 *       {@link io.ember.checkpointing.HeapReplicaStore} for small state); in a cluster, a
 *       {@link io.ember.checkpointing.PeerReplicaStore} that copies it to the stores of
 *       {@code ember.checkpoint.replicas} nodes other than the task's ({@link io.ember.checkpointing.ReplicaPeers}),
 *       which the coordinator's {@link io.ember.checkpointing.ReplicaDirectory} records for recovery.
 *   <li><b>Ack.</b> The task's {@code EpochAck} carries, besides the offsets and commit message it carries now,
 *       the {@link io.ember.checkpointing.EpochMetadata.TaskEntry} of its snapshot, which {@code put} returned
 *       (or {@code TaskEntry.of(key, snapshot.encode())} when no replica is kept).
 *   <li><b>Complete.</b> When every task acked N, the coordinator builds the {@code EpochMetadata} (query id,
 *       entries, offsets, serialized sink commit messages, watermark W(N+1)) and, on the commit thread, first
 *       writes it to the checkpoint location if the query has one
 *       ({@link io.ember.checkpointing.CheckpointDirectory#write}, which needs the snapshots: from the acks or
 *       read back from the local replica store), then calls
 *       {@link io.ember.checkpointing.ReplicaStore#markComplete} on every store holding the epoch (the
 *       metadata is replicated like the snapshots).
 *   <li><b>Sinks commit.</b> Only then are the sinks told to commit N; then
 *       {@link io.ember.checkpointing.ReplicaStore#prune}{@code (job, N)} drops older epochs (the latest
 *       complete one always stays) and epoch N+1 may be cut.
 * </ol>
 * A failure before step 4 leaves epoch N invisible: recovery uses N-1. A failure after step 4 but before the
 * sinks committed is covered by the metadata's sink commits: recovery commits epoch N again with them (sinks are
 * idempotent per epoch) before resuming.
 *
 * <h2>Chains of deltas</h2>
 * Stores and the checkpoint location keep, per task, the chain that rebuilds each kept snapshot (a full snapshot
 * and the deltas after it), give back materialized state ({@link io.ember.checkpointing.SnapshotChains}), compact a
 * chain into a full snapshot every {@link io.ember.checkpointing.SnapshotChains#DEFAULT_MIN_DELTAS_FOR_SNAPSHOT}
 * deltas (or when its deltas outweigh its base) on a background thread, and prune nothing a kept chain needs.
 *
 * <h2>Recovery</h2>
 * The coordinator takes {@link io.ember.checkpointing.ReplicaStore#latestComplete} (after a task failure) or
 * {@link io.ember.checkpointing.CheckpointDirectory#readLatest} (after a restart of the whole query), re-commits
 * the epoch's sinks, restores each task from its snapshot ({@code restore} per operator, sources seek to the
 * offsets), sets the watermark to the metadata's, and resumes with epoch N+1.
 *
 * <h2>The checkpoint location</h2>
 * {@link io.ember.checkpointing.CheckpointDirectory} keeps Spark's layout ({@code metadata}, {@code offsets/},
 * {@code commits/}, {@code state/}); every file is written atomically and an epoch counts only once its commit
 * file exists. A location written by a query of another shape (its
 * {@link io.ember.checkpointing.QueryFingerprint}, which the planner builds from the sources and stateful
 * operators) is refused with {@link io.ember.checkpointing.CheckpointMismatchException}; an unreadable one with
 * {@link io.ember.checkpointing.CheckpointCorruptException}.
 */
package io.ember.checkpointing;
