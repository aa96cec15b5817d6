package io.ember.checkpointing;

import java.util.concurrent.Executor;

class HeapReplicaStoreTest extends ReplicaStoreContract {
  @Override
  ReplicaStore newStore() {
    return new HeapReplicaStore();
  }

  @Override
  ReplicaStore newStore(int minDeltasForSnapshot, Executor compactor) {
    return new HeapReplicaStore(minDeltasForSnapshot, compactor);
  }
}
