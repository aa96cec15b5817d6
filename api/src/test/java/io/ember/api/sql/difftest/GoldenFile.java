package io.ember.api.sql.difftest;

import java.util.ArrayList;
import java.util.List;

/**
 * The golden files of the differential SQL suite: {@code sql-tests/inputs/<topic>.sql} (queries ending with
 * {@code ;} at the end of a line, {@code --} comments, {@code -- !} directives for the generator) and
 * {@code sql-tests/results/<topic>.sql.out}, which {@code gen_golden.py} writes from the input with the
 * expected schema and rows (or error) of each query.
 */
final class GoldenFile {
  private GoldenFile() {}

  /**
   * One query and what Spark gives for it.
   *
   * @param schema the expected schema's simpleString, null when an error is expected
   * @param rows the expected rows, cells separated by tabs, in Spark's string forms ({@code NULL} for null)
   * @param ordered whether the query has a top-level ORDER BY, so row order counts
   * @param errorClass Spark's error class (or the exception's simple type name) when the query must fail
   * @param errorFragment a part of the expected error message
   * @param knownGap why Ember does not give Spark's answer yet, or null
   */
  record Case(String topic, int index, String sql, String schema, List<String> rows, boolean ordered,
      String errorClass, String errorFragment, String knownGap) {
    String title() {
      String oneLine = sql.replaceAll("\\s+", " ");
      return topic + " #" + index + ": " + (oneLine.length() > 90 ? oneLine.substring(0, 90) + "..." : oneLine);
    }
  }

  /** The query texts of an input file, in order, as the generator reads them. */
  static List<String> inputQueries(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String s = line.strip();
      if (s.startsWith("-- !") || (cur.isEmpty() && (s.startsWith("--") || s.isEmpty()))) {
        continue;
      }
      cur.append(cur.isEmpty() ? "" : "\n").append(line);
      if (s.endsWith(";")) {
        String q = cur.toString().strip();
        out.add(q.substring(0, q.length() - 1).strip());
        cur.setLength(0);
      }
    }
    if (!cur.isEmpty()) {
      throw new IllegalArgumentException("unterminated query at the end of the input: " + cur);
    }
    return out;
  }

  /** The cases of a results file. */
  static List<Case> parseResults(String topic, String text) {
    List<Case> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    int i = 0;
    while (i < lines.length) {
      if (!lines[i].equals("-- !query")) {
        i++;
        continue;
      }
      i++;
      StringBuilder sql = new StringBuilder();
      while (!lines[i].startsWith("-- !")) {
        sql.append(sql.isEmpty() ? "" : "\n").append(lines[i++]);
      }
      String gap = null;
      if (lines[i].startsWith("-- !known-gap ")) {
        gap = lines[i++].substring("-- !known-gap ".length());
      }
      int index = out.size() + 1;
      if (lines[i].equals("-- !query error")) {
        out.add(new Case(topic, index, sql.toString(), null, List.of(), false, lines[i + 1], lines[i + 2], gap));
        i += 3;
        continue;
      }
      expect(lines[i++], "-- !query schema");
      String schema = lines[i++];
      String header = lines[i++];
      if (!header.startsWith("-- !query output ") || !header.endsWith(" rows")) {
        throw new IllegalArgumentException("malformed results file: expected the output header, got '" + header + "'");
      }
      String[] words = header.split(" ");
      boolean ordered = words[3].equals("ordered");
      int n = Integer.parseInt(words[ordered ? 4 : 3]);
      List<String> rows = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        rows.add(lines[i++]);
      }
      out.add(new Case(topic, index, sql.toString(), schema, rows, ordered, null, null, gap));
    }
    return out;
  }

  private static void expect(String actual, String expected) {
    if (!actual.equals(expected)) {
      throw new IllegalArgumentException("malformed results file: expected '" + expected + "', got '" + actual + "'");
    }
  }
}
