package io.ember.connectors.source;

/**
 * An unbounded source that can also be read up to "what is there now", for Spark's
 * {@code Trigger.AvailableNow} and {@code Trigger.Once}: the job reads exactly the input available when
 * the query starts (possibly over several epochs, honouring rate limits such as {@code maxFilesPerTrigger})
 * and then ends. A source that cannot say what "available now" means (a socket, a rate generator) does not
 * implement this interface, and the query planner rejects those triggers for it.
 */
public interface UnboundedSource extends Source {
  /**
   * A bounded source ({@link Source#isBounded()} true) with the same schema, whose readers emit the input
   * available at the time of this call and then report {@link SourceReader.Status#END_OF_INPUT}. Its
   * readers accept offsets taken from this source's readers and vice versa, so a query may switch trigger
   * across restarts.
   */
  Source availableNow();
}
