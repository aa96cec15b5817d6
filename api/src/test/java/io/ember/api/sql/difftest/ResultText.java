package io.ember.api.sql.difftest;

import io.ember.core.data.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ember's result rows in the golden files' text (Spark's string forms), and their comparison with the
 * expected rows. Written here rather than taken from Ember's own formatting so that a formatting bug cannot
 * hide a wrong value.
 */
final class ResultText {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");
  private static final double RELATIVE_TOLERANCE = 1e-9;

  private ResultText() {}

  /**
   * A row as tab-separated cells: {@code NULL}; integers and booleans as Java prints them; doubles as
   * {@link Double#toString}; decimals in plain notation at the scale of {@code types} (their expected
   * type, when the value's scale can be widened to it without rounding); dates ISO; timestamps in UTC as
   * {@code yyyy-MM-dd HH:mm:ss[.ffffff]} without trailing zeros; arrays as {@code [a, b]}.
   */
  static String row(Row r, List<String> types) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.size(); i++) {
      sb.append(i > 0 ? "\t" : "").append(cell(r.get(i), i < types.size() ? types.get(i) : ""));
    }
    return sb.toString();
  }

  static String cell(Object v, String type) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof BigDecimal bd) {
      Matcher m = DECIMAL.matcher(type);
      if (m.matches() && bd.scale() < Integer.parseInt(m.group(2))) {
        try {
          return bd.setScale(Integer.parseInt(m.group(2))).toPlainString();
        } catch (ArithmeticException e) {
          return bd.toPlainString();
        }
      }
      return bd.toPlainString();
    }
    if (v instanceof Instant t) {
      LocalDateTime ldt = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
      String s = SECONDS.format(ldt);
      if (ldt.getNano() != 0) {
        String frac = String.format("%06d", ldt.getNano() / 1000);
        s += "." + frac.replaceAll("0+$", "");
      }
      return s;
    }
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      String elem = type.startsWith("array<") ? type.substring(6, type.length() - 1) : "";
      for (Object e : list) {
        parts.add(e == null ? "null" : cell(e, elem));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    return v.toString();
  }

  /** The column types of a schema's simpleString ({@code struct<a:int,b:decimal(10,2)>}). */
  static List<String> columnTypes(String schema) {
    List<String> out = new ArrayList<>();
    if (schema == null || !schema.startsWith("struct<")) {
      return out;
    }
    String body = schema.substring(7, schema.length() - 1);
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : body.toCharArray()) {
      if (c == '<' || c == '(') {
        depth++;
      } else if (c == '>' || c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        out.add(typeOf(cur.toString()));
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (!cur.isEmpty()) {
      out.add(typeOf(cur.toString()));
    }
    return out;
  }

  private static String typeOf(String field) {
    int depth = 0;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '`') {
        depth ^= 1;
      } else if (c == ':' && depth == 0) {
        return field.substring(i + 1);
      }
    }
    return field;
  }

  /**
   * The differences between expected and actual rows, empty when they agree: in order when {@code ordered},
   * else as multisets; cells of double columns agree within a relative tolerance of 1e-9.
   */
  static List<String> diff(List<String> expected, List<String> actual, List<String> types, boolean ordered) {
    List<String> exp = new ArrayList<>(expected);
    List<String> act = new ArrayList<>(actual);
    if (!ordered) {
      Comparator<String> bySortKey = Comparator.comparing(r -> sortKey(r, types));
      exp.sort(bySortKey);
      act.sort(bySortKey);
    }
    List<String> out = new ArrayList<>();
    if (exp.size() != act.size()) {
      out.add("expected " + exp.size() + " rows, got " + act.size());
    }
    for (int i = 0; i < Math.max(exp.size(), act.size()); i++) {
      String e = i < exp.size() ? exp.get(i) : null;
      String a = i < act.size() ? act.get(i) : null;
      if (e == null || a == null || !rowsAgree(e, a, types)) {
        out.add("row " + (i + 1) + ": expected [" + e + "] got [" + a + "]");
      }
    }
    return out;
  }

  private static boolean rowsAgree(String e, String a, List<String> types) {
    String[] ec = e.split("\t", -1);
    String[] ac = a.split("\t", -1);
    if (ec.length != ac.length) {
      return false;
    }
    for (int i = 0; i < ec.length; i++) {
      boolean isDouble = i < types.size() && types.get(i).equals("double");
      if (!(isDouble ? doublesAgree(ec[i], ac[i]) : ec[i].equals(ac[i]))) {
        return false;
      }
    }
    return true;
  }

  static boolean doublesAgree(String e, String a) {
    if (e.equals(a)) {
      return true;
    }
    try {
      double x = Double.parseDouble(e);
      double y = Double.parseDouble(a);
      return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
    } catch (NumberFormatException ex) {
      return false;
    }
  }

  /** A row's text with doubles at 9 significant digits, so that rows differing within tolerance sort alike. */
  private static String sortKey(String row, List<String> types) {
    String[] cells = row.split("\t", -1);
    for (int i = 0; i < cells.length && i < types.size(); i++) {
      if (types.get(i).equals("double") && !cells[i].equals("NULL")) {
        try {
          cells[i] = String.format("%.8e", Double.parseDouble(cells[i]));
        } catch (NumberFormatException ignored) {
          // not a number: compared as text
        }
      }
    }
    return String.join("\t", cells);
  }
}
