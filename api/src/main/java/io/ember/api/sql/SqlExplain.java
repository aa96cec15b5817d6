package io.ember.api.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark's {@code EXPLAIN [EXTENDED] query} statement: the query it explains and whether the extended form
 * (parsed, analyzed, optimized and physical plans) was asked for. The query keeps the positions it has in the
 * statement (the {@code EXPLAIN} words become blanks), so syntax errors point into the text the user wrote.
 *
 * @param query the statement with {@code EXPLAIN [mode]} blanked out
 * @param extended whether the mode is {@code EXTENDED}
 */
public record SqlExplain(String query, boolean extended) {
  private static final Pattern PREFIX = Pattern.compile(
      "^(?:\\s+|--[^\\n]*(?:\\n|$)|/\\*.*?\\*/)*EXPLAIN\\b(?:\\s+(EXTENDED|FORMATTED|CODEGEN|COST)\\b)?",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /**
   * The EXPLAIN statement {@code sql} is, or null when it is not one.
   *
   * @throws io.ember.core.errors.AnalysisException {@code UNSUPPORTED_FEATURE.SQL} for the modes
   *     {@code FORMATTED}, {@code CODEGEN} and {@code COST}
   */
  public static SqlExplain parse(String sql) {
    Matcher m = PREFIX.matcher(sql);
    if (!m.find()) {
      return null;
    }
    String mode = m.group(1) == null ? "" : m.group(1).toUpperCase(Locale.ROOT);
    if (!mode.isEmpty() && !mode.equals("EXTENDED")) {
      throw SqlUnsupported.of("EXPLAIN " + mode);
    }
    StringBuilder query = new StringBuilder(sql);
    for (int i = 0; i < m.end(); i++) {
      if (query.charAt(i) != '\n' && query.charAt(i) != '\r') {
        query.setCharAt(i, ' ');
      }
    }
    return new SqlExplain(query.toString(), mode.equals("EXTENDED"));
  }
}
