package io.ember.core.expr.string;

import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles Java regular expressions (Spark's regex dialect) and SQL LIKE patterns once and keeps them
 * in a bounded, thread-safe cache, so a pattern that repeats across rows and batches is compiled once.
 */
public final class Regexes {
  private static final int CAPACITY = 512;
  private static final ConcurrentHashMap<String, Pattern> REGEX = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, Pattern> LIKE = new ConcurrentHashMap<>();

  private Regexes() {}

  private static void put(ConcurrentHashMap<String, Pattern> cache, String key, Pattern p) {
    if (cache.size() >= CAPACITY) {
      cache.clear(); // patterns that vary per row: start over rather than grow without bound
    }
    cache.put(key, p);
  }

  /**
   * The compiled {@code regex}.
   *
   * @throws EmberIllegalArgumentException {@code INVALID_PARAMETER_VALUE.PATTERN} naming {@code function}
   */
  public static Pattern regex(String regex, String function) {
    Pattern p = REGEX.get(regex);
    if (p == null) {
      try {
        p = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new EmberIllegalArgumentException(
            "INVALID_PARAMETER_VALUE.PATTERN",
            "The value of parameter(s) `regexp` in `" + function + "` is invalid: '" + regex
                + "' is not a valid regular expression (" + e.getDescription() + "). Check the pattern's syntax.",
            e);
      }
      put(REGEX, regex, p);
    }
    return p;
  }

  /**
   * The regex of the SQL LIKE {@code pattern}: {@code %} is any sequence, {@code _} any one character,
   * {@code escape} makes the next {@code %}, {@code _} or escape character literal.
   *
   * @throws AnalysisException {@code INVALID_FORMAT.ESC_AT_THE_END} or {@code INVALID_FORMAT.ESC_IN_THE_MIDDLE}
   */
  public static Pattern like(String pattern, char escape) {
    String key = escape + pattern;
    Pattern p = LIKE.get(key);
    if (p == null) {
      p = Pattern.compile(likeToRegex(pattern, escape), Pattern.DOTALL);
      put(LIKE, key, p);
    }
    return p;
  }

  static String likeToRegex(String pattern, char escape) {
    StringBuilder sb = new StringBuilder(pattern.length() + 8);
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == escape) {
        if (i + 1 == pattern.length()) {
          throw new AnalysisException(
              "INVALID_FORMAT.ESC_AT_THE_END",
              "The format is invalid: '" + pattern + "'. The escape character is not allowed to end with.");
        }
        char next = pattern.charAt(++i);
        if (next != '_' && next != '%' && next != escape) {
          throw new AnalysisException(
              "INVALID_FORMAT.ESC_IN_THE_MIDDLE",
              "The format is invalid: '" + pattern + "'. The escape character is not allowed to precede '"
                  + next + "'.");
        }
        sb.append(Pattern.quote(String.valueOf(next)));
      } else if (c == '_') {
        sb.append('.');
      } else if (c == '%') {
        sb.append(".*");
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }
}
