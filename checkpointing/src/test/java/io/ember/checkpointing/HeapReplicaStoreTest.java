package io.ember.checkpointing;

class HeapReplicaStoreTest extends ReplicaStoreContract {
  @Override
  ReplicaStore newStore() {
    return new HeapReplicaStore();
  }
}
