package io.ember.core.expr.binary;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;

/** The charsets {@code encode} and {@code decode} accept, as Spark 4 without its legacy charset setting. */
final class Charsets {
  /** Spark's list, in its order. */
  static final List<String> SUPPORTED =
      List.of("US-ASCII", "ISO-8859-1", "UTF-8", "UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32");

  private Charsets() {}

  /** The charset named {@code name} (case-insensitive), or Spark's {@code INVALID_PARAMETER_VALUE.CHARSET}. */
  static Charset forName(String function, String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (!SUPPORTED.contains(upper)) {
      throw new EmberIllegalArgumentException("INVALID_PARAMETER_VALUE.CHARSET",
          "The value of parameter(s) `charset` in `" + function + "` is invalid: expects one of the charsets '"
              + String.join("', '", SUPPORTED) + "', but got " + name + ".");
    }
    return Charset.forName(upper);
  }

  /** Spark's {@code MALFORMED_CHARACTER_CODING}: a value the charset cannot represent or read. */
  static EmberRuntimeException malformed(String function, Charset cs) {
    return new EmberRuntimeException("MALFORMED_CHARACTER_CODING",
        "Invalid value found when performing `" + function + "` with `" + cs.name() + "`.");
  }
}
