package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Which stars {@link StarArguments#mark} rewrites: only call arguments the parser would refuse, nothing else. */
class StarArgumentsMarkTest {
  private static final String M = "`" + StarArguments.NAME + "`";

  @Test
  void marksStarsAfterACommaDistinctOrQualifierInsideCalls() {
    assertEquals("SELECT concat_ws(',', " + M + ") FROM t", StarArguments.mark("SELECT concat_ws(',', *) FROM t"));
    assertEquals("SELECT hash(a, t." + M + ", " + M + ")", StarArguments.mark("SELECT hash(a, t.*, *)"));
    assertEquals("SELECT count(DISTINCT " + M + ")", StarArguments.mark("SELECT count(DISTINCT *)"));
    assertEquals("SELECT `my fn`(1, " + M + " )", StarArguments.mark("SELECT `my fn`(1, * )"));
    assertEquals("SELECT hash(t." + M + ")", StarArguments.mark("SELECT hash(t.*)"));
  }

  @Test
  void leavesOtherStarsAlone() {
    for (String sql : new String[] {"SELECT * FROM t", "SELECT a, * FROM t", "SELECT t.*, u.* FROM t, u",
        "SELECT count(*) FROM t", "SELECT hash(a, c * 2), a*b FROM t", "SELECT x FROM (SELECT a, * FROM t)",
        "SELECT a FROM t WHERE a IN (SELECT b, * FROM u)", "SELECT concat(a, '*', '/* , * */') FROM t",
        "SELECT (a, *) FROM t", "SELECT hash(a, *b) FROM t -- hash(a, *)", "SELECT a FROM t"}) {
      assertSame(sql, StarArguments.mark(sql), sql);
    }
  }
}
