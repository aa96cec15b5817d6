package io.ember.connectors.file;

import io.ember.core.errors.MalformedRecordException;

/** Spark's errors for malformed input records. */
public final class Malformed {
  private Malformed() {}

  /**
   * The FAILFAST error: {@code MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION}, naming the record and
   * where it is.
   */
  public static MalformedRecordException failFast(String record, String file, String where, String reason) {
    return new MalformedRecordException(
        "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
        "Malformed records are detected in record parsing: " + record + " (file " + file + ", " + where + ": "
            + reason + "). Parse Mode: FAILFAST. To process malformed records as null result, try setting the"
            + " option 'mode' as 'PERMISSIVE'.");
  }
}
