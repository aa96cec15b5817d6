package io.ember.runtime.remote;

/**
 * Marks this package's messages that cross nodes; like the runtime's task and coordinator protocols, they are
 * bound to {@link KryoSerializer} in {@link RemoteSerialization#config()}.
 */
public interface WireMessage {}
