package io.ember.api.catalog;

import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A persistent table's metadata, as Spark's {@code CatalogTable} for a data source table: where its files are, in
 * which format, with which schema and partition columns. The rows themselves are the files under
 * {@link #location}: a table holds no data of its own, so files written there by other programs are rows of it.
 *
 * @param id the table's database and name
 * @param type {@link TableType#MANAGED} when the catalog owns the data (in the warehouse; dropping the table deletes
 *     it), {@link TableType#EXTERNAL} when the data lies at a location the user gave (kept when the table is dropped)
 * @param format the data source's short name ({@code csv}, {@code json}, {@code parquet}, ...)
 * @param schema every column, the partition columns last (Spark's order)
 * @param partitionColumns the names of the partition columns, in directory order; empty when not partitioned
 * @param options the data source's options (e.g. {@code header}, {@code sep}), used when reading and writing
 * @param location the absolute path of the table's directory
 * @param comment the table's comment, or null
 * @param createdMillis when the table was created (epoch milliseconds)
 * @param properties the table's properties ({@code TBLPROPERTIES}), which Ember keeps but does not interpret
 * @param view for a {@link TableType#VIEW}, its query and the database its unqualified names resolve in; else null
 * @param columnComments the comments of columns that have one, by column name as in {@link #schema} (a name the
 *     schema does not hold is dropped)
 */
public record CatalogTable(TableIdentifier id, TableType type, String format, StructType schema,
    List<String> partitionColumns, Map<String, String> options, String location, String comment,
    long createdMillis, Map<String, String> properties, ViewText view, Map<String, String> columnComments) {
  /**
   * Who owns a table's data: the catalog ({@code MANAGED}), the user ({@code EXTERNAL}); a {@code VIEW} has no data,
   * only its query (its format and location are empty).
   */
  public enum TableType { MANAGED, EXTERNAL, VIEW }

  /**
   * A persistent view's definition, as Spark keeps it: the query's SQL text, analysed anew whenever the view is
   * read, with its unqualified names resolved in {@code database} (the current database when the view was created).
   *
   * @param queryColumns the names of the query's columns the view's columns are, in order (Spark's
   *     {@code view.query.out.col.N}), when a column list renamed them; empty when the view's columns are the
   *     query's by name
   */
  public record ViewText(String sql, String database, List<String> queryColumns) {
    public ViewText {
      queryColumns = List.copyOf(queryColumns);
    }

    /** A view whose columns are its query's. */
    public ViewText(String sql, String database) {
      this(sql, database, List.of());
    }
  }

  public CatalogTable {
    partitionColumns = List.copyOf(partitionColumns);
    options = java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    Map<String, String> comments = new TreeMap<>();
    for (StructField f : schema.fields()) {
      String c = columnComments.get(f.name());
      if (c != null) {
        comments.put(f.name(), c);
      }
    }
    columnComments = java.util.Collections.unmodifiableMap(comments);
    if ((type == TableType.VIEW) != (view != null)) {
      throw new IllegalArgumentException("a view, and only a view, has a query: " + id + " " + type);
    }
  }

  /** A table or view without column comments. */
  public CatalogTable(TableIdentifier id, TableType type, String format, StructType schema,
      List<String> partitionColumns, Map<String, String> options, String location, String comment,
      long createdMillis, Map<String, String> properties, ViewText view) {
    this(id, type, format, schema, partitionColumns, options, location, comment, createdMillis, properties, view,
        Map.of());
  }

  /** A table (not a view) without properties. */
  public CatalogTable(TableIdentifier id, TableType type, String format, StructType schema,
      List<String> partitionColumns, Map<String, String> options, String location, String comment,
      long createdMillis) {
    this(id, type, format, schema, partitionColumns, options, location, comment, createdMillis, Map.of(), null);
  }

  /** The persistent view {@code id} of {@code schema} (the columns its query gave when it was created). */
  public static CatalogTable view(TableIdentifier id, StructType schema, ViewText view, String comment,
      Map<String, String> properties) {
    return new CatalogTable(id, TableType.VIEW, "", schema, List.of(), Map.of(), "", comment,
        System.currentTimeMillis(), properties, view);
  }

  /** Whether this is a persistent view. */
  public boolean isView() {
    return type == TableType.VIEW;
  }

  /** The columns stored in the files: the schema without the partition columns. */
  public StructType dataSchema() {
    List<StructField> data = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (!isPartitionColumn(f.name())) {
        data.add(f);
      }
    }
    return new StructType(data);
  }

  /** Whether {@code column} (any case) is a partition column. */
  public boolean isPartitionColumn(String column) {
    return partitionColumns.stream().anyMatch(p -> p.equalsIgnoreCase(column));
  }

  /**
   * This table with another schema and partition columns (an overwrite that replaces the table); the comments of
   * the columns it keeps stay.
   */
  public CatalogTable withSchema(StructType newSchema, List<String> newPartitionColumns) {
    return new CatalogTable(id, type, format, newSchema, newPartitionColumns, options, location, comment,
        createdMillis, properties, view, columnComments);
  }

  /** This table under another name and (for a managed table that moved) location. */
  public CatalogTable renamed(TableIdentifier newId, String newLocation) {
    return new CatalogTable(newId, type, format, schema, partitionColumns, options, newLocation, comment,
        createdMillis, properties, view, columnComments);
  }

  /** This table with other properties. */
  public CatalogTable withProperties(Map<String, String> newProperties) {
    return new CatalogTable(id, type, format, schema, partitionColumns, options, location, comment, createdMillis,
        newProperties, view, columnComments);
  }

  /** This table with another comment. */
  public CatalogTable withComment(String newComment) {
    return new CatalogTable(id, type, format, schema, partitionColumns, options, location, newComment,
        createdMillis, properties, view, columnComments);
  }

  /** This table with other column comments (by column name; null values are dropped). */
  public CatalogTable withColumnComments(Map<String, String> newColumnComments) {
    Map<String, String> comments = new TreeMap<>();
    newColumnComments.forEach((k, v) -> {
      if (v != null) {
        comments.put(k, v);
      }
    });
    return new CatalogTable(id, type, format, schema, partitionColumns, options, location, comment, createdMillis,
        properties, view, comments);
  }

  /** The comment of column {@code name} (exact name, as in the schema), or null. */
  public String columnComment(String name) {
    return columnComments.get(name);
  }
}
