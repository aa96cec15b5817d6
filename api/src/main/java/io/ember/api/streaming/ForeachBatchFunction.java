package io.ember.api.streaming;

import io.ember.api.DataFrame;

/**
 * The function of {@code df.writeStream().foreachBatch(f)}, as Spark's {@code VoidFunction2<Dataset<Row>, Long>}:
 * called once per epoch, after every task finished the epoch, with the epoch's output as a batch DataFrame
 * (any batch action or {@code write()} works on it) and the epoch id (Spark's batchId, from 0). A replayed
 * epoch after recovery brings the same id and the same rows. An exception fails the query.
 */
@FunctionalInterface
public interface ForeachBatchFunction {
  void call(DataFrame batchDf, long batchId) throws Exception;
}
