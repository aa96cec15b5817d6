package io.ember.api;

import io.ember.api.catalog.CatalogTable;
import io.ember.api.catalog.SessionCatalog;
import io.ember.api.conf.SessionConf;
import io.ember.api.sql.SqlTableStatement;
import io.ember.connectors.file.SaveMode;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * SQL {@code INSERT INTO|OVERWRITE t [PARTITION (..)] [(columns)] query} with Spark's semantics: a static partition
 * value ({@code p = 'x'}) fills that column for every row, the query giving the other columns; a column list
 * names which columns the query's columns go to (by position within the list), the table's columns left out are
 * null (Spark 3.4+); without one the query's columns go to the table's (less the static partition columns) by
 * position. Every value is cast to its column's type.
 *
 * <p>{@code INSERT OVERWRITE} of a partitioned table follows {@link SessionConf#PARTITION_OVERWRITE_MODE}:
 * {@code STATIC} (the default) replaces every partition the static values select (all of them without a PARTITION
 * clause); {@code DYNAMIC} replaces only the partitions the new rows fall into. Rows are written to a hidden staging
 * directory under the table first and then moved into their partitions, so the old rows of a partition disappear
 * only once the new ones are complete.
 */
final class TableInserts {
  /** The write option overriding {@link SessionConf#PARTITION_OVERWRITE_MODE} for one write, as Spark's. */
  static final String PARTITION_OVERWRITE_OPTION = "partitionOverwriteMode";

  private TableInserts() {}

  /** Runs the SQL insert {@code i}. */
  static void insert(Session session, SqlTableStatement.Insert i) {
    DataFrame query = session.sql(i.query());
    if (i.columns() == null && i.partition().isEmpty()) {
      PersistentTables.insertInto(query, i.name(), i.overwrite());
      return;
    }
    CatalogTable table = session.catalog().tableMetadata(i.name());
    if (table.isView()) {
      throw PersistentTables.expectTable(table, "INSERT");
    }
    Map<String, String> spec = TablePartitions.normalize(table, i.partition(), false);
    if (!spec.isEmpty() && spec.size() != table.partitionColumns().size()) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_1169", "Requested partitioning does not match the table "
          + table.id().quoted() + ":\nRequested partitions: " + String.join(",", spec.keySet())
          + "\nTable partitions: " + String.join(",", table.partitionColumns()));
    }
    Map<String, String> statics = new LinkedHashMap<>();
    spec.forEach((k, v) -> {
      if (v != null) {
        statics.put(k, v);
      }
    });
    DataFrame rows = rows(query, table, statics, i.columns());
    if (!i.overwrite()) {
      PersistentTables.write(rows, table, SaveMode.APPEND);
    } else {
      PersistentTables.requireNotReadFrom(query, table);
      overwrite(rows, table, statics, Map.of());
    }
  }

  /**
   * {@code query}'s rows in the table's columns: static partition values, the listed (or, without a list, the
   * remaining) columns from the query by position, the rest null; each cast to its column's type.
   */
  private static DataFrame rows(DataFrame query, CatalogTable table, Map<String, String> statics,
      List<String> columns) {
    List<StructField> targets = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      if (!statics.containsKey(f.name())) {
        targets.add(f);
      }
    }
    List<StructField> named = targets;
    if (columns != null) {
      named = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String c : columns) {
        StructField f = targets.stream().filter(t -> t.name().equalsIgnoreCase(c)).findFirst().orElse(null);
        if (f == null) {
          if (statics.keySet().stream().anyMatch(s -> s.equalsIgnoreCase(c))) {
            throw new AnalysisException("STATIC_PARTITION_COLUMN_IN_INSERT_COLUMN_LIST", "Static partition column `"
                + c + "` is also specified in the column list.");
          }
          throw AnalysisException.unresolvedColumn(c, new StructType(targets).fieldNames());
        }
        if (!seen.add(f.name().toLowerCase(Locale.ROOT))) {
          throw new AnalysisException("COLUMN_ALREADY_EXISTS", "The column `" + c.toLowerCase(Locale.ROOT)
              + "` already exists. Name each column of the INSERT column list once.");
        }
        named.add(f);
      }
    }
    StructType in = query.schema();
    if (in.size() != named.size()) {
      boolean tooMany = in.size() > named.size();
      throw new AnalysisException("INSERT_COLUMN_ARITY_MISMATCH." + (tooMany ? "TOO_MANY_DATA_COLUMNS"
          : "NOT_ENOUGH_DATA_COLUMNS"), "Cannot write to " + table.id().quoted() + ", the reason is too "
          + (tooMany ? "many" : "not enough") + " data columns:\nTable columns: " + quoted(named)
          + ".\nData columns: " + quoted(in.fields()) + ".");
    }
    List<Column> out = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      Column c;
      int at = named.indexOf(f);
      if (statics.containsKey(f.name())) {
        c = functions.lit(statics.get(f.name()));
      } else if (at >= 0) {
        c = query.col(PersistentTables.quote(in.field(at).name()));
      } else {
        c = functions.lit(null);
      }
      out.add(c.cast(f.dataType()).as(f.name()));
    }
    return query.select(out.toArray(new Column[0]));
  }

  /**
   * Replaces rows of {@code table} with {@code rows} (in the table's columns): a table that is not partitioned
   * wholly; a partitioned one by the overwrite mode ({@code writeOptions} may override the session's), within the
   * partitions {@code statics} selects.
   */
  static void overwrite(DataFrame rows, CatalogTable table, Map<String, String> statics,
      Map<String, String> writeOptions) {
    if (table.partitionColumns().isEmpty()) {
      PersistentTables.write(rows, table, SaveMode.OVERWRITE);
      return;
    }
    boolean dynamic = dynamicMode(rows.session(), writeOptions);
    Path staging = Path.of(table.location()).resolve("_ember_staging_" + UUID.randomUUID());
    try {
      rows.write().format(table.format()).options(table.options())
          .partitionBy(table.partitionColumns().toArray(new String[0])).mode(SaveMode.APPEND)
          .save(staging.toString());
      List<Map<String, String>> written = new ArrayList<>();
      for (Map<String, String> p : TablePartitions.list(stagedTable(table, staging), Map.of())) {
        written.add(p);
      }
      List<Map<String, String>> replaced = dynamic ? written : TablePartitions.list(table, statics);
      TablePartitions.delete(table, replaced);
      for (Map<String, String> p : written) {
        moveFiles(TablePartitions.directory(stagedTable(table, staging), p), TablePartitions.directory(table, p));
      }
    } catch (IOException e) {
      throw new EmberRuntimeException("CATALOG_IO_FAILED", "Cannot move the rows written for " + table.id()
          + " from " + staging + " into its partitions: " + e, e);
    } finally {
      try {
        SessionCatalog.deleteRecursively(staging);
      } catch (IOException ignored) {
        // a leftover staging directory is hidden from readers (its name starts with '_')
      }
    }
  }

  /** {@code table} as if its files were at {@code staging}, to list and name the staged partitions. */
  private static CatalogTable stagedTable(CatalogTable table, Path staging) {
    return table.renamed(table.id(), staging.toString());
  }

  private static void moveFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.move(f, to.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }

  /**
   * Whether overwrites replace only the partitions written: the write option {@value #PARTITION_OVERWRITE_OPTION},
   * else the session's {@link SessionConf#PARTITION_OVERWRITE_MODE} (checked when it is set).
   *
   * @throws EmberIllegalArgumentException {@code INVALID_CONF_VALUE} for an option other than STATIC or DYNAMIC
   */
  static boolean dynamicMode(Session session, Map<String, String> writeOptions) {
    String mode = PersistentTables.option(writeOptions, PARTITION_OVERWRITE_OPTION);
    if (mode == null) {
      return session.sessionConf().get(SessionConf.PARTITION_OVERWRITE_MODE).equals("DYNAMIC");
    }
    String m = mode.trim().toUpperCase(Locale.ROOT);
    if (!m.equals("STATIC") && !m.equals("DYNAMIC")) {
      throw new EmberIllegalArgumentException("INVALID_CONF_VALUE", "The value '" + mode + "' of the write option"
          + " \"" + PARTITION_OVERWRITE_OPTION + "\" is invalid: expected STATIC or DYNAMIC.");
    }
    return m.equals("DYNAMIC");
  }

  private static String quoted(List<StructField> fields) {
    List<String> names = new ArrayList<>();
    fields.forEach(f -> names.add("`" + f.name() + "`"));
    return String.join(", ", names);
  }
}
