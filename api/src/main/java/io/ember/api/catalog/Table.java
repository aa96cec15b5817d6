package io.ember.api.catalog;

/**
 * One entry of a catalog listing, as Spark's {@code org.apache.spark.sql.catalog.Table}.
 *
 * @param name the table's or view's name
 * @param database its database: {@code default} or another for a table, {@code global_temp} for a global temporary
 *     view, null for a temporary view (as Spark's namespace is empty then)
 * @param description the table's comment, or null
 * @param tableType {@code MANAGED}, {@code EXTERNAL} or {@code TEMPORARY}
 * @param isTemporary whether it is a temporary view
 */
public record Table(String name, String database, String description, String tableType, boolean isTemporary) {
  /** The entry of a persistent table. */
  public static Table of(CatalogTable t) {
    return new Table(t.id().table(), t.id().database(), t.comment(), t.type().name(), false);
  }

  /** The entry of a temporary view ({@code database} null) or a global temporary view. */
  public static Table view(String name, String database) {
    return new Table(name, database, null, "TEMPORARY", true);
  }
}
