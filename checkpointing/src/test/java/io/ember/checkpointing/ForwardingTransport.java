package io.ember.checkpointing;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** A {@link ReplicaTransport} that passes every operation to {@code inner}; tests override the ones they change. */
class ForwardingTransport implements ReplicaTransport {
  final ReplicaTransport inner;

  ForwardingTransport(ReplicaTransport inner) {
    this.inner = inner;
  }

  @Override
  public CompletionStage<EpochMetadata.TaskEntry> put(String holder, String jobId, TaskSnapshot snapshot,
      int attempt) {
    return inner.put(holder, jobId, snapshot, attempt);
  }

  @Override
  public CompletionStage<Usage> complete(String holder, String jobId, EpochMetadata metadata) {
    return inner.complete(holder, jobId, metadata);
  }

  @Override
  public CompletionStage<Integer> prune(String holder, String jobId, long epoch) {
    return inner.prune(holder, jobId, epoch);
  }

  @Override
  public CompletionStage<Void> removeJob(String holder, String jobId) {
    return inner.removeJob(holder, jobId);
  }

  @Override
  public CompletionStage<Optional<TaskSnapshot>> fetch(String holder, String jobId, long epoch, TaskStateKey key,
      boolean materialized) {
    return inner.fetch(holder, jobId, epoch, key, materialized);
  }

  @Override
  public CompletionStage<Optional<EpochMetadata>> latestComplete(String holder, String jobId) {
    return inner.latestComplete(holder, jobId);
  }

  @Override
  public boolean isLive(String holder) {
    return inner.isLive(holder);
  }
}
