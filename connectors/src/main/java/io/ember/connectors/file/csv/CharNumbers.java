package io.ember.connectors.file.csv;

import com.fasterxml.jackson.core.io.NumberInput;

/** Number parsing from char slices without creating strings; semantics of Java's {@code parseLong}/{@code parseDouble}. */
final class CharNumbers {
  private CharNumbers() {}

  /** Parses a long with optional sign; {@code ok[0]} says whether it parsed. */
  static long parseLong(char[] c, int off, int len, boolean[] ok) {
    ok[0] = false;
    if (len == 0) {
      return 0;
    }
    int i = off;
    int end = off + len;
    boolean neg = false;
    if (c[i] == '-' || c[i] == '+') {
      neg = c[i] == '-';
      i++;
      if (i == end) {
        return 0;
      }
    }
    long limit = neg ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multmin = limit / 10;
    long result = 0;
    for (; i < end; i++) {
      int d = c[i] - '0';
      if (d < 0 || d > 9 || result < multmin) {
        return 0;
      }
      result *= 10;
      if (result < limit + d) {
        return 0;
      }
      result -= d;
    }
    ok[0] = true;
    return neg ? result : -result;
  }

  /** Whether the slice is an optionally signed run of digits (an integral number of any size). */
  static boolean isIntegral(char[] c, int off, int len) {
    int i = off;
    int end = off + len;
    if (i < end && (c[i] == '-' || c[i] == '+')) {
      i++;
    }
    if (i == end) {
      return false;
    }
    for (; i < end; i++) {
      if (c[i] < '0' || c[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /** Parses a double as Java's {@code Double.parseDouble}; {@code ok[0]} says whether it parsed. */
  static double parseDouble(char[] c, int off, int len, boolean[] ok) {
    ok[0] = false;
    if (len == 0) {
      return 0;
    }
    char first = c[off];
    if (!(first >= '0' && first <= '9') && first != '-' && first != '+' && first != '.' && first != 'N' && first != 'I'
        && !Character.isWhitespace(first)) {
      return 0;
    }
    try {
      double d = NumberInput.parseDouble(c, off, len, true);
      ok[0] = true;
      return d;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Whether the slice equals {@code s}. */
  static boolean equals(char[] c, int off, int len, String s) {
    if (len != s.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (c[off + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Scala's {@code toBoolean}: {@code true}/{@code false} in any case; 1 true, 0 false, -1 not a boolean. */
  static int parseBoolean(char[] c, int off, int len) {
    if (len == 4 && (c[off] | 0x20) == 't' && (c[off + 1] | 0x20) == 'r' && (c[off + 2] | 0x20) == 'u' && (c[off + 3] | 0x20) == 'e') {
      return 1;
    }
    if (len == 5 && (c[off] | 0x20) == 'f' && (c[off + 1] | 0x20) == 'a' && (c[off + 2] | 0x20) == 'l'
        && (c[off + 3] | 0x20) == 's' && (c[off + 4] | 0x20) == 'e') {
      return 0;
    }
    return -1;
  }
}
