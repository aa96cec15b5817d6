package io.ember.api.sql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tokens of SQL text as the rewrites that run before parsing see it: strings, quoted names and comments are
 * skipped whole ({@link SqlParsing#skipQuotedOrComment}); what remains is read as words (maximal runs of
 * {@link SqlParsing#isWordChar} characters) and single other characters. Each call of {@link #next} moves to the
 * next token, whose offsets in the text are {@link #start} and {@link #end}; a rewrite that reads further ahead
 * itself continues from where it stopped with {@link #resumeAt}. {@link Edits} collects the rewrite's changes and
 * gives back the very same string when there are none.
 */
final class SqlWords {
  private final String sql;
  private int pos;
  private int start;
  private int end;

  SqlWords(String sql) {
    this.sql = sql;
  }

  /** Moves to the next word or other character outside strings, quoted names and comments; false at the end. */
  boolean next() {
    int n = sql.length();
    while (pos < n) {
      int skip = SqlParsing.skipQuotedOrComment(sql, pos);
      if (skip > pos) {
        pos = skip;
        continue;
      }
      start = pos;
      end = pos + 1;
      if (SqlParsing.isWordChar(sql.charAt(start))) {
        while (end < n && SqlParsing.isWordChar(sql.charAt(end))) {
          end++;
        }
      }
      pos = end;
      return true;
    }
    return false;
  }

  /** The offset of the current token. */
  int start() {
    return start;
  }

  /** The offset after the current token. */
  int end() {
    return end;
  }

  /** The current token's first character. */
  char first() {
    return sql.charAt(start);
  }

  /** Whether the current token is a word (its first character is a word character). */
  boolean isWord() {
    return SqlParsing.isWordChar(sql.charAt(start));
  }

  /**
   * Whether the current token is a word that starts with a letter and does not continue one written before it
   * (which it can after {@link #resumeAt} an offset inside a word).
   */
  boolean isLetterWord() {
    return Character.isLetter(sql.charAt(start)) && (start == 0 || !SqlParsing.isWordChar(sql.charAt(start - 1)));
  }

  /** Whether the current token is {@code word}, in any case. */
  boolean is(String word) {
    return end - start == word.length() && sql.regionMatches(true, start, word, 0, word.length());
  }

  /** The current token's text. */
  String text() {
    return sql.substring(start, end);
  }

  /** Continues the scan at offset {@code offset} (at or after the current token's end). */
  void resumeAt(int offset) {
    pos = offset;
  }

  /**
   * Changes to SQL text, each given in offsets of the original text: a replacement of the characters from
   * {@code from} to {@code to}, an insertion where they are equal. Changes must not overlap; insertions at one
   * offset keep the order they were made in. {@link #apply} copies the text once, only when there is a change.
   */
  static final class Edits {
    private record Edit(int from, int to, String text) {}

    private final String sql;
    private List<Edit> edits;

    Edits(String sql) {
      this.sql = sql;
    }

    /** Replaces the characters from {@code from} to {@code to} by {@code text}. */
    void replace(int from, int to, String text) {
      if (edits == null) {
        edits = new ArrayList<>();
      }
      edits.add(new Edit(from, to, text));
    }

    /** Inserts {@code text} before the character at {@code at}. */
    void insert(int at, String text) {
      replace(at, at, text);
    }

    /** Replaces the characters from {@code from} to {@code to} by as many spaces, so no position moves. */
    void blank(int from, int to) {
      replace(from, to, " ".repeat(to - from));
    }

    /** Whether any change was made. */
    boolean changed() {
      return edits != null;
    }

    /** The text with the changes made, or the original string itself when there are none. */
    String apply() {
      if (edits == null) {
        return sql;
      }
      List<Edit> ordered = new ArrayList<>(edits);
      ordered.sort(Comparator.comparingInt(Edit::from));
      StringBuilder out = new StringBuilder(sql.length() + 16);
      int copied = 0;
      for (Edit e : ordered) {
        out.append(sql, copied, e.from()).append(e.text());
        copied = e.to();
      }
      return out.append(sql, copied, sql.length()).toString();
    }
  }
}
