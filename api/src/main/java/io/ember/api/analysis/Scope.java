package io.ember.api.analysis;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns a name can refer to (a child plan's output, or both sides of a join) and the rules for
 * matching a name against them: case-insensitive unless {@code caseSensitive}, {@code t.col} through a
 * {@code df.alias("t")} qualifier, and a {@code df.col(..)} plan id narrowing the candidates to the columns
 * that came through that DataFrame. {@code functions} are the session's registered functions, which calls by name
 * resolve to before the built-in ones.
 */
public record Scope(List<Attr> attrs, boolean caseSensitive, io.ember.api.logical.UserFunctions functions) {
  public Scope {
    attrs = List.copyOf(attrs);
    functions = functions == null ? io.ember.api.logical.UserFunctions.NONE : functions;
  }

  /** A scope without registered functions. */
  public Scope(List<Attr> attrs, boolean caseSensitive) {
    this(attrs, caseSensitive, io.ember.api.logical.UserFunctions.NONE);
  }

  /**
   * The column {@code name} refers to, as a bound reference.
   *
   * @throws AnalysisException {@code UNRESOLVED_COLUMN} (listing the available columns, suggesting the closest)
   *     or {@code AMBIGUOUS_REFERENCE}
   */
  public ColumnRef resolve(String name, Long planId) {
    int index = indexOf(name, planId);
    Attr a = attrs.get(index);
    return new ColumnRef(index, a.name(), a.type(), a.nullable());
  }

  /**
   * What {@code name} refers to: a column, or a field of a struct column ({@code s.field}, {@code t.s.field}). As in
   * Spark, the longest leading part of the name that names a column wins (so a table alias {@code t} in
   * {@code t.s} is taken before a struct column {@code t}), and the rest are fields extracted from it.
   *
   * @throws AnalysisException as {@link #resolve}; {@code FIELD_NOT_FOUND} or
   *     {@code INVALID_EXTRACT_BASE_FIELD_TYPE} when a leading part names a column but the rest are not its fields
   */
  public Expression resolveExpr(String name, Long planId) {
    try {
      return resolve(name, planId);
    } catch (AnalysisException e) {
      if (!e.errorClass().startsWith("UNRESOLVED_COLUMN")) {
        throw e;
      }
      List<String> parts = nameParts(name);
      for (int head = parts.size() - 1; head >= 1; head--) {
        Expression nested = nested(parts, head, planId);
        if (nested != null) {
          return nested;
        }
      }
      throw e;
    }
  }

  /**
   * {@code parts[0..head)} as a column, the rest as fields extracted from it; null when the head names no column.
   *
   * @throws AnalysisException when the head names a column whose value has not those fields
   */
  private Expression nested(List<String> parts, int head, Long planId) {
    Expression current;
    try {
      current = resolve(String.join(".", parts.subList(0, head).stream().map(Scope::quote).toList()), planId);
    } catch (AnalysisException e) {
      return null;
    }
    for (String field : parts.subList(head, parts.size())) {
      io.ember.core.expr.Literal key = new io.ember.core.expr.Literal(field, io.ember.core.types.DataTypes.STRING);
      current = ExtractValues.extract(current, key, caseSensitive);
    }
    return current;
  }

  static String quote(String part) {
    return "`" + part.replace("`", "``") + "`";
  }

  /** Whether {@code name} refers to the column at {@code index} (and to no other). */
  boolean picks(String name, int index) {
    try {
      return indexOf(name, null) == index;
    } catch (AnalysisException e) {
      return false;
    }
  }

  /** The position of the column {@code name} refers to; see {@link #resolve}. */
  public int indexOf(String name, Long planId) {
    List<Integer> candidates = candidates(planId);
    List<String> parts = nameParts(name);
    String whole = String.join(".", parts);
    List<Integer> found = matches(candidates, null, whole);
    if (found.isEmpty() && parts.size() >= 2) {
      found = matches(candidates, parts.get(0), String.join(".", parts.subList(1, parts.size())));
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.size() > 1) {
      throw new AnalysisException("AMBIGUOUS_REFERENCE", "Reference `" + whole + "` is ambiguous, could be: "
          + io.ember.core.errors.Suggestions.quoted(found.stream().map(i -> qualifiedName(attrs.get(i))).toList())
          + ".");
    }
    throw AnalysisException.unresolvedColumn(whole, names());
  }

  /** The output names, in order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(attrs.size());
    for (Attr a : attrs) {
      names.add(a.name());
    }
    return names;
  }

  /** Columns whose qualifier is {@code qualifier} (all when null), for {@code t.*}. */
  public List<Integer> qualified(String qualifier) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < attrs.size(); i++) {
      if (qualifier == null || (attrs.get(i).qualifier() != null && same(attrs.get(i).qualifier(), qualifier))) {
        out.add(i);
      }
    }
    return out;
  }

  public boolean same(String a, String b) {
    return caseSensitive ? a.equals(b) : a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }

  private List<Integer> candidates(Long planId) {
    List<Integer> all = new ArrayList<>();
    List<Integer> tagged = new ArrayList<>();
    for (int i = 0; i < attrs.size(); i++) {
      all.add(i);
      if (planId != null && attrs.get(i).planIds().contains(planId)) {
        tagged.add(i);
      }
    }
    return tagged.isEmpty() ? all : tagged;
  }

  private List<Integer> matches(List<Integer> candidates, String qualifier, String name) {
    List<Integer> out = new ArrayList<>();
    for (int i : candidates) {
      Attr a = attrs.get(i);
      if (same(a.name(), name) && (qualifier == null || (a.qualifier() != null && same(a.qualifier(), qualifier)))) {
        out.add(i);
      }
    }
    return out;
  }

  private static String qualifiedName(Attr a) {
    return a.qualifier() == null ? a.name() : a.qualifier() + "`.`" + a.name();
  }

  /** Splits {@code a.b} into parts; a part in backticks may hold dots ({@code `a.b`} is one part). */
  static List<String> nameParts(String name) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '`') {
        if (quoted && i + 1 < name.length() && name.charAt(i + 1) == '`') {
          cur.append('`');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == '.' && !quoted) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    return parts;
  }
}
