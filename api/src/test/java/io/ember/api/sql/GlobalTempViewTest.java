package io.ember.api.sql;

import static io.ember.api.sql.SqlEndToEndTest.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.Session;
import io.ember.core.errors.AnalysisException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Global temporary views: the {@code global_temp} database every session of a runtime shares. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GlobalTempViewTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
  }

  @AfterEach
  void dropViews() {
    for (String v : session.catalog().listTables("global_temp")) {
      session.catalog().dropGlobalTempView(v);
      session.catalog().dropTempView(v);
    }
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  @Test
  void aGlobalViewIsReadThroughGlobalTempOnly() {
    session.range(3).createGlobalTempView("nums");
    assertEquals(List.of("[0]", "[1]", "[2]"), sorted(session.sql("SELECT * FROM global_temp.nums")));
    assertEquals(List.of("[1]"), sorted(session.sql("SELECT n.id FROM GLOBAL_TEMP.Nums n WHERE n.id = 1")));
    assertEquals(List.of("[2]"), sorted(session.sql("SELECT nums.id FROM global_temp.nums WHERE nums.id > 1")));
    assertEquals(3, session.table("global_temp.nums").count());
    AnalysisException e = assertThrows(AnalysisException.class, () -> session.sql("SELECT * FROM nums"));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", e.errorClass());
    AnalysisException missing = assertThrows(AnalysisException.class, () -> session.table("global_temp.numz"));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", missing.errorClass());
    assertTrue(missing.getMessage().contains("`global_temp`.`numz`") && missing.getMessage().contains("`global_temp`.`nums`"),
        missing.getMessage());
  }

  @Test
  void createFailsWhenTheNameIsTakenAndReplaceReplaces() {
    session.range(3).createGlobalTempView("v");
    AnalysisException e = assertThrows(AnalysisException.class, () -> session.range(5).createGlobalTempView("V"));
    assertEquals("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", e.errorClass());
    assertTrue(e.getMessage().contains("`global_temp`.`V`"), e.getMessage());
    session.range(5).createOrReplaceGlobalTempView("v");
    assertEquals(5, session.table("global_temp.v").count());
    // A local view of the same name is another view.
    session.range(1).createTempView("v");
    assertEquals(1, session.table("v").count());
    assertEquals(5, session.table("global_temp.v").count());
  }

  @Test
  void sessionsOfTheRuntimeShareGlobalViewsButNotLocalOnes() {
    session.range(4).createGlobalTempView("shared");
    session.range(2).createTempView("mine");
    Session other = session.newSession();
    assertEquals(4, other.sql("SELECT * FROM global_temp.shared").count());
    assertThrows(AnalysisException.class, () -> other.table("mine"));
    other.range(7).createOrReplaceGlobalTempView("shared");
    assertEquals(7, session.table("global_temp.shared").count());
    assertTrue(other.catalog().dropGlobalTempView("shared"));
    assertFalse(session.catalog().tableExists("global_temp.shared"));
  }

  @Test
  void catalogListsChecksAndDropsGlobalViews() {
    session.range(1).createGlobalTempView("g2");
    session.range(1).createGlobalTempView("g1");
    session.range(1).createTempView("local1");
    assertEquals(List.of("g1", "g2", "local1"), session.catalog().listTables("global_temp"));
    assertEquals(List.of("local1"), session.catalog().listTables());
    assertEquals(List.of("local1"), session.catalog().listTables("default"));
    assertTrue(session.catalog().tableExists("global_temp.g1"));
    assertFalse(session.catalog().tableExists("g1"));
    assertTrue(session.catalog().dropGlobalTempView("g1"));
    assertFalse(session.catalog().dropGlobalTempView("g1"));
    assertFalse(session.catalog().tableExists("global_temp.g1"));
    assertEquals("SCHEMA_NOT_FOUND",
        assertThrows(AnalysisException.class, () -> session.catalog().listTables("nope")).errorClass());
  }

  @Test
  void globalAndLocalViewsJoin() {
    session.range(4).createGlobalTempView("g");
    session.range(2, 6).createTempView("l");
    assertEquals(List.of("[2]", "[3]"),
        sorted(session.sql("SELECT g.id FROM global_temp.g JOIN l ON g.id = l.id")));
  }
}
