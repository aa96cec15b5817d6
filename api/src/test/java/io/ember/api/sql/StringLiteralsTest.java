package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StringLiteralsTest {
  @Test
  void readsSparksBackslashEscapes() {
    assertEquals("a\\b", StringLiterals.unescape("a\\\\b"));
    assertEquals("tab\there\nnew\rret", StringLiterals.unescape("tab\\there\\nnew\\rret"));
    assertEquals("\u0000\b\u001A", StringLiterals.unescape("\\0\\b\\Z"));
    assertEquals("\u00e9A", StringLiterals.unescape("\\u00e9\\101"));
    assertEquals("x\"y", StringLiterals.unescape("x\\\"y"));
    assertEquals("qd", StringLiterals.unescape("\\q\\d"));
  }

  @Test
  void keepsLikeEscapesTextWithoutBackslashesAndATrailingBackslash() {
    assertEquals("a\\%b\\_", StringLiterals.unescape("a\\%b\\_"));
    assertEquals("plain", StringLiterals.unescape("plain"));
    assertEquals("end\\", StringLiterals.unescape("end\\"));
    assertEquals("u12", StringLiterals.unescape("\\u12"));
  }
}
