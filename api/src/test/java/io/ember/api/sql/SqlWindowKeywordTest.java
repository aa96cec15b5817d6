package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The word {@code window} reaches the parser as a name, except inside strings, quoted names and comments. */
class SqlWindowKeywordTest {
  @Test
  void bareWindowWordsAreQuoted() {
    assertEquals("SELECT `window`.start FROM t GROUP BY `Window`(ts, '10 minutes')",
        SqlParsing.quoteWindow("SELECT window.start FROM t GROUP BY Window(ts, '10 minutes')"));
  }

  @Test
  void stringsQuotedNamesCommentsAndLongerWordsAreLeftAlone() {
    String sql = "SELECT 'window', \"it''s window\", `window`, windows, my_window, window_time(w) -- window\n"
        + "FROM t /* window */";
    assertSame(sql, SqlParsing.quoteWindow(sql));
  }
}
