package io.ember.runtime.local;

import io.ember.runtime.graph.Exchange;

/**
 * One outgoing edge of a task: where its batches go. Target {@code t} is task {@code targetTasks[t]},
 * which knows this connection as its input channel {@code targetChannels[t]}.
 *
 * @param exchange how batches are routed among the targets
 * @param senderIndex this task's index among its chain's instances (round-robin starts there)
 */
record GateSpec(Exchange exchange, int senderIndex, int[] targetTasks, int[] targetChannels) {}
