package io.ember.api.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark's cache statements: {@code CACHE [LAZY] TABLE name [OPTIONS ('storageLevel' 'LEVEL')] [[AS] query]},
 * {@code UNCACHE TABLE [IF EXISTS] name} and {@code CLEAR CACHE}. A name may be qualified ({@code global_temp.v})
 * and in backticks. The query of {@code CACHE TABLE .. AS} keeps the positions it has in the statement (the words
 * before it become blanks), so its syntax errors point into the text the user wrote.
 *
 * @param kind which statement
 * @param name the table or view (null for {@code CLEAR CACHE})
 * @param lazy {@code CACHE LAZY TABLE}: cache on first use instead of now
 * @param ifExists {@code UNCACHE TABLE IF EXISTS}
 * @param storageLevel the {@code storageLevel} option, or null for Spark's default (MEMORY_AND_DISK)
 * @param query the statement with everything before the {@code AS} query blanked out, or null when there is none
 */
public record SqlCacheStatement(Kind kind, String name, boolean lazy, boolean ifExists, String storageLevel,
    String query) {
  /** The statement. */
  public enum Kind { CACHE, UNCACHE, CLEAR }

  private static final String LEAD = "^(?:\\s+|--[^\\n]*(?:\\n|$)|/\\*.*?\\*/)*";
  private static final String NAME = "((?:`(?:[^`]|``)+`|[\\w$]+)(?:\\s*\\.\\s*(?:`(?:[^`]|``)+`|[\\w$]+))*)";
  private static final Pattern CACHE = Pattern.compile(LEAD + "CACHE\\s+(LAZY\\s+)?TABLE\\s+" + NAME
      + "(?:\\s+OPTIONS\\s*\\(\\s*'([^']*)'\\s*=?\\s*'([^']*)'\\s*\\))?\\s*(?:\\bAS\\b)?",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern UNCACHE = Pattern.compile(LEAD + "UNCACHE\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?" + NAME
      + "\\s*;?\\s*$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern CLEAR = Pattern.compile(LEAD + "CLEAR\\s+CACHE\\s*;?\\s*$",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern STARTS_CACHE = Pattern.compile(LEAD + "(?:CACHE|UNCACHE|CLEAR)\\b",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /**
   * The cache statement {@code sql} is, or null when it is not one.
   *
   * @throws ParseException for a statement that starts as one but does not follow its syntax
   * @throws io.ember.core.errors.AnalysisException {@code UNSUPPORTED_FEATURE.SQL} for an option other than
   *     {@code storageLevel}
   */
  public static SqlCacheStatement parse(String sql) {
    if (!STARTS_CACHE.matcher(sql).find()) {
      return null;
    }
    Matcher m = CLEAR.matcher(sql);
    if (m.find()) {
      return new SqlCacheStatement(Kind.CLEAR, null, false, false, null, null);
    }
    m = UNCACHE.matcher(sql);
    if (m.find()) {
      return new SqlCacheStatement(Kind.UNCACHE, unquote(m.group(2)), false, m.group(1) != null, null, null);
    }
    m = CACHE.matcher(sql);
    if (m.find()) {
      String option = m.group(3);
      if (option != null && !option.equalsIgnoreCase("storageLevel")) {
        throw SqlUnsupported.of("the CACHE TABLE option '" + option + "' (only 'storageLevel' is known)");
      }
      String rest = sql.substring(m.end());
      String query = null;
      if (!rest.isBlank() && !rest.strip().equals(";")) {
        StringBuilder blanked = new StringBuilder(sql);
        for (int i = 0; i < m.end(); i++) {
          if (blanked.charAt(i) != '\n' && blanked.charAt(i) != '\r') {
            blanked.setCharAt(i, ' ');
          }
        }
        query = blanked.toString();
      }
      return new SqlCacheStatement(Kind.CACHE, unquote(m.group(2)), m.group(1) != null, false,
          option == null ? null : m.group(4), query);
    }
    // A query cannot start with these words: the statement is a cache statement that does not follow its syntax.
    throw parseError(sql);
  }

  private static ParseException parseError(String sql) {
    String word = sql.strip().split("\\s+")[0];
    int at = sql.indexOf(word);
    String before = sql.substring(0, at);
    int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
    int col = at - (before.lastIndexOf('\n') + 1);
    return new ParseException(word, line, col, null);
  }

  /** {@code a.`b.c`} as the catalog reads names: parts joined by dots, backticks kept where a part needs them. */
  private static String unquote(String name) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c == '`') {
        int j = i + 1;
        StringBuilder part = new StringBuilder();
        while (j < name.length()) {
          if (name.charAt(j) == '`') {
            if (j + 1 < name.length() && name.charAt(j + 1) == '`') {
              part.append('`');
              j += 2;
              continue;
            }
            break;
          }
          part.append(name.charAt(j++));
        }
        out.append(part);
        i = j + 1;
      } else if (!Character.isWhitespace(c)) {
        out.append(c);
        i++;
      } else {
        i++;
      }
    }
    return out.toString();
  }
}
