package io.ember.api;

import io.ember.api.catalog.CatalogTable;
import io.ember.api.catalog.SessionCatalog;
import io.ember.api.catalog.TableIdentifier;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.api.sql.SqlTableStatement;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Persistent views with Spark's semantics (a view of its session catalog, as {@code CREATE VIEW} makes one): the
 * catalog keeps the view's SQL text, the database that was current when it was created and the columns its query
 * gave then. Reading the view analyses the text anew, its unqualified names in that database and never naming a
 * temporary view (a persistent view may not depend on one: creating such a view fails with
 * {@code INVALID_TEMP_OBJ_REFERENCE}), and binds the stored columns by name to the query's new output, cast to
 * their stored types; a column the query no longer gives fails with {@code INCOMPATIBLE_VIEW_SCHEMA_CHANGE}. A view
 * that names itself, directly or through other views, fails with {@code RECURSIVE_VIEW}.
 */
final class PersistentViews {
  /** How deeply views may name views, as Spark's default {@code spark.sql.view.maxNestedViewDepth}. */
  static final int MAX_NESTED_DEPTH = 100;

  /** The views being analysed on this thread, innermost first: the path a cycle is reported along. */
  private static final ThreadLocal<ArrayDeque<TableIdentifier>> EXPANDING = ThreadLocal.withInitial(ArrayDeque::new);

  private PersistentViews() {}

  /**
   * {@code CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name AS query}: analyses {@code query} in the current database
   * and records the view.
   *
   * @param columns the view's column list naming the query's columns in order (with their comments), or null for
   *     the query's own names
   * @throws AnalysisException {@code TABLE_OR_VIEW_ALREADY_EXISTS}; {@code EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE}
   *     when {@code replace} would replace a table; {@code INVALID_TEMP_OBJ_REFERENCE} for a query naming a
   *     temporary view; {@code RECURSIVE_VIEW}; {@code COLUMN_ALREADY_EXISTS} for two columns of one name;
   *     {@code CREATE_VIEW_COLUMN_ARITY_MISMATCH} for a column list of another length than the query's columns;
   *     the query's own analysis errors
   */
  static void create(Session session, String name, String query, boolean replace, boolean ifNotExists,
      String comment, Map<String, String> properties, List<SqlTableStatement.ViewColumn> columns) {
    Catalog catalog = session.catalog();
    SessionCatalog persistent = catalog.persistent();
    TableIdentifier id = catalog.identifier(name);
    persistent.requireDatabase(id.database());
    CatalogTable existing = persistent.getTable(id).orElse(null);
    if (existing != null) {
      if (ifNotExists) {
        return;
      }
      if (!replace) {
        throw SessionCatalog.alreadyExists(id);
      }
      if (!existing.isView()) {
        throw new AnalysisException("EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE", "The table " + id.quoted()
            + " does not support CREATE OR REPLACE VIEW.");
      }
    }
    String database = catalog.currentDatabase();
    StructType schema = analysePersistent(session, id, database, query);
    requireDistinct(schema.fieldNames());
    List<String> queryColumns = List.of();
    Map<String, String> comments = new java.util.LinkedHashMap<>();
    if (columns != null) {
      requireArity(id.quoted(), columns, schema);
      queryColumns = schema.fieldNames();
      List<StructField> named = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        named.add(schema.field(i).withName(columns.get(i).name()));
        comments.put(columns.get(i).name(), columns.get(i).comment());
      }
      schema = new StructType(named);
      requireDistinct(schema.fieldNames());
    }
    CatalogTable view = CatalogTable.view(id, schema, new CatalogTable.ViewText(query.strip(), database,
        queryColumns), comment, properties).withColumnComments(comments);
    if (existing != null) {
      persistent.alterTable(view);
    } else {
      persistent.createTable(view, false);
    }
  }

  /**
   * Spark's {@code ALTER VIEW v AS query} of a persistent view: the view takes the new query, analysed in the
   * current database as {@link #create} analyses one, and its columns; its comment and properties stay, the
   * names and comments of a column list it was created with do not (as Spark's {@code AlterViewAsCommand}).
   *
   * @throws AnalysisException as {@link #create}: {@code INVALID_TEMP_OBJ_REFERENCE}, {@code RECURSIVE_VIEW},
   *     {@code COLUMN_ALREADY_EXISTS}, the query's own analysis errors
   */
  static void alter(Session session, CatalogTable view, String query) {
    String database = session.catalog().currentDatabase();
    StructType schema = analysePersistent(session, view.id(), database, query);
    requireDistinct(schema.fieldNames());
    session.catalog().persistent().alterTable(new CatalogTable(view.id(), view.type(), view.format(), schema,
        List.of(), Map.of(), view.location(), view.comment(), view.createdMillis(), view.properties(),
        new CatalogTable.ViewText(query.strip(), database)));
  }

  /**
   * {@code rows} with its columns named by a view's column list {@code columns}, for a temporary view.
   *
   * @throws AnalysisException {@code CREATE_VIEW_COLUMN_ARITY_MISMATCH}, {@code COLUMN_ALREADY_EXISTS}
   */
  static DataFrame renamed(DataFrame rows, String quotedName, List<SqlTableStatement.ViewColumn> columns) {
    requireArity(quotedName, columns, rows.schema());
    List<String> names = columns.stream().map(SqlTableStatement.ViewColumn::name).toList();
    requireDistinct(names);
    return rows.toDF(names.toArray(new String[0]));
  }

  /** The schema of {@code query} as persistent view {@code id} would give it, refusing temporary views. */
  private static StructType analysePersistent(Session session, TableIdentifier id, String database, String query) {
    Catalog catalog = session.catalog();
    return analyse(session, id, database, query, n -> {
      if (catalog.isTemporaryView(n)) {
        throw new AnalysisException("INVALID_TEMP_OBJ_REFERENCE", "Cannot create the persistent object "
            + id.quoted() + " of the type VIEW because it references to the temporary object `" + n + "` of the type"
            + " VIEW. Please make the temporary object `" + n + "` persistent, or make the persistent object "
            + id.quoted() + " temporary.");
      }
      return catalog.lookupPersistent(n, database);
    });
  }

  private static void requireDistinct(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n.toLowerCase(Locale.ROOT))) {
        throw new AnalysisException("COLUMN_ALREADY_EXISTS", "The column `" + n.toLowerCase(Locale.ROOT)
            + "` already exists. Choose another name or rename the existing column (give the view's columns"
            + " distinct names).");
      }
    }
  }

  /** Spark's {@code CREATE_VIEW_COLUMN_ARITY_MISMATCH}: a column list must name every column of the query. */
  private static void requireArity(String view, List<SqlTableStatement.ViewColumn> columns, StructType data) {
    if (columns.size() == data.size()) {
      return;
    }
    boolean tooMany = data.size() > columns.size();
    throw new AnalysisException("CREATE_VIEW_COLUMN_ARITY_MISMATCH." + (tooMany ? "TOO_MANY_DATA_COLUMNS"
        : "NOT_ENOUGH_DATA_COLUMNS"), "Cannot create view " + view + ", the reason is " + (tooMany ? "too many"
        : "not enough") + " data columns:\nView columns: " + columns.stream().map(c -> "`" + c.name() + "`")
        .collect(java.util.stream.Collectors.joining(", ")) + ".\nData columns: " + data.fieldNames().stream()
        .map(n -> "`" + n + "`").collect(java.util.stream.Collectors.joining(", ")) + ".");
  }

  /**
   * The plan of {@code view}: its query analysed anew in its database, its stored columns bound by name and cast to
   * their stored types, aliased by the view's name.
   *
   * @throws AnalysisException {@code RECURSIVE_VIEW}, {@code VIEW_EXCEED_MAX_NESTED_DEPTH},
   *     {@code INCOMPATIBLE_VIEW_SCHEMA_CHANGE}, and the errors of analysing the query (a table it names dropped)
   */
  static LogicalPlan read(Session session, CatalogTable view) {
    String database = view.view().database();
    Catalog catalog = session.catalog();
    ArrayDeque<TableIdentifier> stack = EXPANDING.get();
    if (stack.size() >= MAX_NESTED_DEPTH) {
      throw new AnalysisException("VIEW_EXCEED_MAX_NESTED_DEPTH", "The depth of view " + view.id().quoted()
          + " exceeds the maximum view resolution depth (" + MAX_NESTED_DEPTH + "). Analysis is aborted to avoid"
          + " errors: views name views too deeply.");
    }
    StructType found;
    DataFrame df;
    stack.push(view.id());
    try {
      LogicalPlan plan = translate(session, database, view.view().sql(), n -> catalog.lookupPersistent(n, database));
      df = session.dataFrame(plan);
      found = df.schema();
    } finally {
      stack.pop();
    }
    List<Column> columns = new ArrayList<>();
    boolean same = found.size() == view.schema().size();
    List<String> queryColumns = view.view().queryColumns();
    for (int i = 0; i < view.schema().size(); i++) {
      StructField f = view.schema().field(i);
      String wanted = queryColumns.isEmpty() ? f.name() : queryColumns.get(i);
      int at = -1;
      for (int j = 0; j < found.size(); j++) {
        if (found.field(j).name().equalsIgnoreCase(wanted)) {
          at = j;
          break;
        }
      }
      if (at < 0) {
        throw new AnalysisException("INCOMPATIBLE_VIEW_SCHEMA_CHANGE", "The SQL query of view " + view.id().quoted()
            + " has an incompatible schema change and column `" + wanted + "` cannot be resolved. Expected "
            + view.schema().size() + " columns named `" + wanted + "` but got " + found.fieldNames() + ". Please"
            + " try to re-create the view by running: CREATE OR REPLACE VIEW " + view.id().unquoted() + " AS "
            + view.view().sql());
      }
      StructField g = found.field(at);
      same &= at == i && g.name().equals(f.name()) && g.dataType().equals(f.dataType());
      Column c = df.col(PersistentTables.quote(g.name()));
      columns.add((g.dataType().equals(f.dataType()) ? c : c.cast(f.dataType())).as(f.name()));
    }
    LogicalPlan plan = same ? df.logicalPlan() : df.select(columns.toArray(new Column[0])).logicalPlan();
    return new LogicalPlan.SubqueryAlias(PlanIds.next(), view.id().table(), plan);
  }

  /** The schema of {@code query} as view {@code id} would give it, names resolved by {@code lookup}. */
  private static StructType analyse(Session session, TableIdentifier id, String database, String query,
      Function<String, LogicalPlan> lookup) {
    ArrayDeque<TableIdentifier> stack = EXPANDING.get();
    stack.push(id);
    try {
      return session.dataFrame(translate(session, database, query, lookup)).schema();
    } finally {
      stack.pop();
    }
  }

  /**
   * {@code query} translated with names (unqualified ones in {@code database}) resolved by {@code lookup}, refusing
   * a view named while it is analysed.
   */
  private static LogicalPlan translate(Session session, String database, String query,
      Function<String, LogicalPlan> lookup) {
    return session.sqlTranslator(n -> {
      TableIdentifier named = TableIdentifier.parse(n, database);
      if (EXPANDING.get().contains(named)) {
        throw recursive(named);
      }
      return lookup.apply(n);
    }).query(query);
  }

  /** Spark's {@code RECURSIVE_VIEW}, the cycle from {@code view} through the views being analysed back to it. */
  private static AnalysisException recursive(TableIdentifier view) {
    List<String> cycle = new ArrayList<>();
    Iterator<TableIdentifier> inner = EXPANDING.get().iterator();
    while (inner.hasNext()) {
      TableIdentifier t = inner.next();
      cycle.add(0, t.quoted());
      if (t.equals(view)) {
        break;
      }
    }
    cycle.add(view.quoted());
    return new AnalysisException("RECURSIVE_VIEW", "Recursive view " + view.quoted() + " detected (cycle: "
        + String.join(" -> ", cycle) + ").");
  }
}
