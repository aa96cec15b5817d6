package io.ember.bridge.udf;

import io.ember.core.types.DataType;

/**
 * A Python function registered with a {@link PythonWorkerPool}: {@code id} names its pickled bytes (held by the
 * pool, sent to each worker once), {@code name} is what errors and column names call it.
 */
public record PythonFunction(long id, String name, DataType returnType, PythonEvalType evalType,
    boolean deterministic) {}
