package io.ember.api.streaming;

import io.ember.api.DataFrame;

/**
 * The function of {@code df.writeStream().foreachBatch(f)}, as Spark's {@code VoidFunction2<Dataset<Row>, Long>}:
 * called once per epoch, after every task finished the epoch, with the epoch's output as a batch DataFrame
 * (any batch action or {@code write()} works on it) and the epoch id (Spark's batchId, from 0). A replayed
 * epoch after recovery brings the same id and the same rows. With a {@code checkpointLocation}, so does the first
 * epoch of a query started again on the location when the previous run checkpointed that epoch but did not finish
 * this function for it (the process died, or the function threw): the run resumes from the epoch before and reads
 * exactly the epoch's offsets again, as Spark re-runs a batch in its offset log but not in its commit log. A function
 * that writes elsewhere should therefore skip a batch id it already wrote. File, rate and memory streams replay an
 * epoch exactly; a source that cannot stop at given offsets ({@code SourceReader.replayUntil}; the socket source)
 * gives the replayed epoch what it reads until the epoch is cut. An exception fails the query.
 */
@FunctionalInterface
public interface ForeachBatchFunction {
  void call(DataFrame batchDf, long batchId) throws Exception;
}
