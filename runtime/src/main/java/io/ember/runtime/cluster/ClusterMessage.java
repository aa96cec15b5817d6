package io.ember.runtime.cluster;

/**
 * Every message of this package that crosses the network implements this: Pekko serializes them with
 * {@link ClusterMessageSerializer} (bound to this type in {@link ClusterPekkoConfig}), never with Java
 * serialization. A new remote message must be added to that serializer, with a test of its round trip.
 */
public interface ClusterMessage {}
