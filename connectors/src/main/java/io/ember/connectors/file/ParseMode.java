package io.ember.connectors.file;

import java.util.Locale;

/** How readers treat malformed records, as Spark's {@code mode} option. */
public enum ParseMode {
  /** Keep the record: bad fields become null, the raw record goes to the corrupt-record column if present. */
  PERMISSIVE,
  /** Skip malformed records. */
  DROPMALFORMED,
  /** Fail on the first malformed record with {@link io.ember.core.errors.MalformedRecordException}. */
  FAILFAST;

  /** Parses the {@code mode} option; Spark falls back to PERMISSIVE for unknown values, and so do we. */
  public static ParseMode fromOption(String value) {
    if (value == null) {
      return PERMISSIVE;
    }
    switch (value.trim().toUpperCase(Locale.ROOT)) {
      case "DROPMALFORMED":
        return DROPMALFORMED;
      case "FAILFAST":
        return FAILFAST;
      default:
        return PERMISSIVE;
    }
  }
}
