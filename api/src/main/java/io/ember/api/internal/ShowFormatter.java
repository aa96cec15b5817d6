package io.ember.api.internal;

import io.ember.core.data.Row;
import io.ember.core.data.ValueFormat;
import io.ember.core.types.StructType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders rows as Spark's {@code Dataset.showString}: a bordered table (or {@code -RECORD n-} blocks when
 * vertical), {@code NULL} for nulls, cells cut to {@code truncate} characters with {@code ...}, and the
 * {@code only showing top n rows} footer when there are more rows than shown.
 */
public final class ShowFormatter {
  private static final int MINIMUM_COLUMN_WIDTH = 3;

  private ShowFormatter() {}

  /**
   * The table text, ending with a newline.
   *
   * @param rows up to {@code numRows + 1} rows; one more than {@code numRows} means "there is more"
   * @param truncate the longest cell shown, 0 for no limit (cells are then left-aligned)
   * @param zone the session time zone timestamps are shown in
   */
  public static String showString(
      StructType schema, List<Row> rows, int numRows, int truncate, boolean vertical, ZoneId zone) {
    int n = Math.max(0, numRows);
    List<List<String>> cells = new ArrayList<>();
    List<String> header = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      header.add(escapeMetaCharacters(name));
    }
    cells.add(header);
    for (int r = 0; r < Math.min(n, rows.size()); r++) {
      cells.add(renderRow(rows.get(r), schema, truncate, zone));
    }
    boolean hasMoreData = rows.size() > n;
    StringBuilder sb = new StringBuilder();
    if (vertical) {
      appendVertical(sb, cells);
    } else {
      appendTable(sb, cells, truncate);
    }
    if (vertical && cells.size() == 1) {
      sb.append("(0 rows)\n");
    } else if (hasMoreData) {
      sb.append("only showing top ").append(n).append(n == 1 ? " row\n" : " rows\n");
    }
    return sb.toString();
  }

  private static List<String> renderRow(Row row, StructType schema, int truncate, ZoneId zone) {
    List<String> out = new ArrayList<>(row.size());
    for (int c = 0; c < row.size(); c++) {
      Object v = row.get(c);
      String str = escapeMetaCharacters(v == null ? "NULL"
          : c < schema.size() ? ValueFormat.toDisplayString(v, schema.field(c).dataType(), zone)
          : ValueFormat.toDisplayString(v, zone));
      if (truncate > 0 && str.length() > truncate) {
        str = truncate < 4 ? str.substring(0, truncate) : str.substring(0, truncate - 3) + "...";
      }
      out.add(str);
    }
    return out;
  }

  private static void appendTable(StringBuilder sb, List<List<String>> cells, int truncate) {
    int numCols = cells.get(0).size();
    int[] widths = new int[numCols];
    java.util.Arrays.fill(widths, MINIMUM_COLUMN_WIDTH);
    for (List<String> row : cells) {
      for (int i = 0; i < numCols; i++) {
        widths[i] = Math.max(widths[i], halfWidth(row.get(i)));
      }
    }
    StringBuilder sep = new StringBuilder("+");
    for (int w : widths) {
      sep.append("-".repeat(w)).append('+');
    }
    sep.append('\n');
    sb.append(sep);
    appendLine(sb, cells.get(0), widths, truncate > 0);
    sb.append(sep);
    for (int r = 1; r < cells.size(); r++) {
      appendLine(sb, cells.get(r), widths, truncate > 0);
    }
    sb.append(sep);
  }

  private static void appendLine(StringBuilder sb, List<String> row, int[] widths, boolean alignRight) {
    sb.append('|');
    for (int i = 0; i < row.size(); i++) {
      String cell = row.get(i);
      String pad = " ".repeat(Math.max(0, widths[i] - halfWidth(cell)));
      sb.append(alignRight ? pad + cell : cell + pad).append('|');
    }
    sb.append('\n');
  }

  private static void appendVertical(StringBuilder sb, List<List<String>> cells) {
    List<String> names = cells.get(0);
    int nameWidth = MINIMUM_COLUMN_WIDTH;
    for (String name : names) {
      nameWidth = Math.max(nameWidth, halfWidth(name));
    }
    int dataWidth = MINIMUM_COLUMN_WIDTH;
    for (int r = 1; r < cells.size(); r++) {
      for (String cell : cells.get(r)) {
        dataWidth = Math.max(dataWidth, halfWidth(cell));
      }
    }
    for (int r = 1; r < cells.size(); r++) {
      String recordHeader = "-RECORD " + (r - 1);
      sb.append(recordHeader).append("-".repeat(Math.max(0, nameWidth + dataWidth + 5 - recordHeader.length())))
          .append('\n');
      List<String> row = cells.get(r);
      for (int j = 0; j < row.size(); j++) {
        String name = names.get(j);
        String cell = row.get(j);
        sb.append(' ').append(name).append(" ".repeat(Math.max(0, nameWidth - halfWidth(name))))
            .append(" | ").append(cell).append(" ".repeat(Math.max(0, dataWidth - halfWidth(cell))))
            .append(" \n");
      }
    }
  }

  /** Spark's display width: East Asian full-width characters count twice. */
  static int halfWidth(String s) {
    int width = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      width += isFullWidth(cp) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return width + (s.length() - s.codePointCount(0, s.length()));
  }

  private static boolean isFullWidth(int c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE10 && c <= 0xFE19) || (c >= 0xFE30 && c <= 0xFE6F)
        || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6);
  }

  /** Control characters shown escaped, so that they cannot break the table. */
  static String escapeMetaCharacters(String s) {
    if (s.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      return s;
    }
    return s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace("\f", "\\f")
        .replace("\b", "\\b").replace("\u000B", "\\v").replace("\u0007", "\\a");
  }
}
