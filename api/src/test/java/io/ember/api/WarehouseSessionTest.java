package io.ember.api;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.errors.AnalysisException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * For the catalog's end-to-end tests: each test gets a session over a warehouse directory of its own, stopped after
 * it, and the helpers those tests share.
 */
abstract class WarehouseSessionTest {
  @TempDir
  Path tmp;
  /** The test's warehouse ({@code spark.sql.warehouse.dir}). */
  Path warehouse;
  /** The open session; a test that replaces it leaves the replacement open for the teardown to stop. */
  Session session;

  @BeforeEach
  void openWarehouseSession() {
    warehouse = tmp.resolve("warehouse");
    session = openSession(getClass().getSimpleName());
  }

  @AfterEach
  void stopSession() {
    session.stop();
  }

  /** A new session over the same warehouse, as a later run of the program would start one. */
  Session openSession(String appName) {
    Session s = Session.builder().master("local[2]").appName(appName)
        .config(Catalog.WAREHOUSE_DIR, warehouse.toString()).getOrCreate();
    s.conf().set(Catalog.WAREHOUSE_DIR, warehouse.toString());
    return s;
  }

  /** The rows of {@code df} as text, in its order. */
  static List<String> rows(DataFrame df) {
    return df.collectAsList().stream().map(Object::toString).collect(Collectors.toList());
  }

  /** The rows of {@code df} as text, sorted. */
  static List<String> sorted(DataFrame df) {
    return rows(df).stream().sorted().collect(Collectors.toList());
  }

  /** The error class of the analysis error that {@code sql} raises. */
  String error(String sql) {
    return assertThrows(AnalysisException.class, () -> session.sql(sql)).errorClass();
  }
}
