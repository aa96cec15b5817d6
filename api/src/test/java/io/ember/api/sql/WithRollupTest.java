package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WithRollupTest {
  @Test
  void becomesRollupOrCubeOfTheGroupingListKeepingLaterPositions() {
    String sql = "SELECT a, b FROM t GROUP BY a, b WITH ROLLUP ORDER BY a";
    String out = WithRollup.rewrite(sql);
    assertEquals("SELECT a, b FROM t GROUP BY ROLLUP( a, b )   ORDER BY a", out);
    assertEquals(sql.indexOf("ORDER"), out.indexOf("ORDER"));
    assertEquals("SELECT a FROM t group by CUBE( a )  ", WithRollup.rewrite("SELECT a FROM t group by a with cube"));
  }

  @Test
  void findsTheGroupByOfItsOwnQueryBlock() {
    assertEquals("SELECT * FROM (SELECT a FROM t GROUP BY CUBE( a )  ) x GROUP BY a",
        WithRollup.rewrite("SELECT * FROM (SELECT a FROM t GROUP BY a WITH CUBE) x GROUP BY a"));
    assertEquals("SELECT a FROM t GROUP BY ROLLUP( a, (a + 1) )   UNION SELECT 1",
        WithRollup.rewrite("SELECT a FROM t GROUP BY a, (a + 1) WITH ROLLUP UNION SELECT 1"));
  }

  @Test
  void leavesStringsCommentsAndOtherWithsAlone() {
    String cte = "WITH x AS (SELECT a FROM t GROUP BY a) SELECT * FROM x";
    assertEquals(cte, WithRollup.rewrite(cte));
    String quoted = "SELECT 'GROUP BY a WITH ROLLUP' FROM t -- GROUP BY b WITH CUBE";
    assertEquals(quoted, WithRollup.rewrite(quoted));
    String having = "SELECT a FROM t GROUP BY a HAVING a > 1";
    assertEquals(having, WithRollup.rewrite(having));
  }
}
