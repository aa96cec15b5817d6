package io.ember.runtime.graph;

/** Data flows from every task of vertex {@code from} into input {@code inputIndex} of vertex {@code to}. */
public record Edge(int from, int to, int inputIndex, Exchange exchange) {}
