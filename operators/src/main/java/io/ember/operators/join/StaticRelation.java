package io.ember.operators.join;

import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import io.ember.operators.OperatorContext;
import java.util.function.Consumer;

/**
 * The static (batch) side of a stream-static join, read by the join's task itself so that it can be read again
 * when it changes ({@link StreamStaticJoinSpec}). Spark plans the batch side anew for every micro-batch; a
 * relation tells cheaply, through {@link #version()}, whether its rows can have changed since it was last read,
 * so that a static side that does not change is not read again. Implementations are immutable values (they travel
 * with the plan) and may be called from several tasks at once.
 */
public interface StaticRelation {
  /** The schema of the batches {@link #read} emits. */
  StructType schema();

  /**
   * What the relation holds now, found without reading its rows (a file listing with sizes and modification
   * times): two equal values mean the same rows. Called at most once per epoch per task.
   *
   * @throws io.ember.core.errors.EmberException when the relation cannot be found (a directory that vanished)
   */
  Object version();

  /**
   * Emits every row of the relation as of {@code version} (a value {@link #version()} returned) to {@code out},
   * in batches of at most {@link OperatorContext#batchSize()} rows, on the calling thread.
   */
  void read(Object version, OperatorContext context, Consumer<Batch> out);

  /** One line for {@code explain()}. */
  String explain();
}
