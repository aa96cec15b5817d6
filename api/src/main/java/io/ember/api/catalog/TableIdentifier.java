package io.ember.api.catalog;

import io.ember.core.errors.AnalysisException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table's name in the session catalog: its database and its name, both in lower case (names are
 * case-insensitive, as Spark's default {@code spark.sql.caseSensitive=false} catalog stores them).
 *
 * @param database the database; {@link SessionCatalog#DEFAULT_DATABASE} for an unqualified name
 * @param table the table's name within the database
 */
public record TableIdentifier(String database, String table) {
  public TableIdentifier {
    database = database.toLowerCase(Locale.ROOT);
    table = table.toLowerCase(Locale.ROOT);
  }

  /**
   * The identifier of {@code name}: {@code t}, {@code db.t}, {@code spark_catalog.db.t}, each part optionally in
   * backticks ({@code `my table`}, with {@code ``} for a backtick inside).
   *
   * @throws AnalysisException {@code REQUIRES_SINGLE_PART_NAMESPACE} for more parts, {@code INVALID_IDENTIFIER}
   *     for an empty part
   */
  public static TableIdentifier parse(String name) {
    return parse(name, SessionCatalog.DEFAULT_DATABASE);
  }

  /**
   * As {@link #parse(String)}, an unqualified name taken in {@code currentDatabase} (the session's, {@code USE db}).
   */
  public static TableIdentifier parse(String name, String currentDatabase) {
    List<String> parts = parts(name);
    if (parts.size() == 3 && parts.get(0).equalsIgnoreCase(SessionCatalog.CATALOG_NAME)) {
      parts = parts.subList(1, 3);
    }
    if (parts.size() == 1) {
      return new TableIdentifier(currentDatabase, parts.get(0));
    }
    if (parts.size() == 2) {
      return new TableIdentifier(parts.get(0), parts.get(1));
    }
    throw new AnalysisException("REQUIRES_SINGLE_PART_NAMESPACE", SessionCatalog.CATALOG_NAME
        + " requires a single-part namespace, but got " + name + ".");
  }

  /** Whether {@code name} has a database part ({@code db.t}). */
  public static boolean isQualified(String name) {
    return parts(name).size() > 1;
  }

  /** The dot-separated parts of {@code name}, unquoted. */
  static List<String> parts(String name) {
    List<String> out = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (quoted) {
        if (c == '`' && i + 1 < name.length() && name.charAt(i + 1) == '`') {
          part.append('`');
          i++;
        } else if (c == '`') {
          quoted = false;
        } else {
          part.append(c);
        }
      } else if (c == '`') {
        quoted = true;
        wasQuoted = true;
      } else if (c == '.') {
        out.add(checked(part.toString(), wasQuoted, name));
        part.setLength(0);
        wasQuoted = false;
      } else {
        part.append(c);
      }
    }
    out.add(checked(part.toString(), wasQuoted, name));
    return out;
  }

  private static String checked(String part, boolean quoted, String name) {
    String p = quoted ? part : part.trim();
    if (p.isEmpty()) {
      throw new AnalysisException("INVALID_IDENTIFIER", "The identifier " + name + " is invalid: it has an empty"
          + " part. Quote a name holding dots or spaces with backticks.");
    }
    return p;
  }

  /** {@code `spark_catalog`.`db`.`t`}, as Spark names a table in its messages. */
  public String quoted() {
    return "`" + SessionCatalog.CATALOG_NAME + "`.`" + database + "`.`" + table + "`";
  }

  /** {@code db.t}. */
  public String unquoted() {
    return database + "." + table;
  }

  @Override
  public String toString() {
    return unquoted();
  }
}
