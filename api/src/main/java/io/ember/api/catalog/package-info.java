/**
 * The session catalog of persistent tables, as Spark's {@code spark_catalog} with the built-in (non-Hive) catalog:
 * databases and tables whose data lies in files under the warehouse directory ({@code spark.sql.warehouse.dir},
 * managed tables) or at a location of their own (external tables). Unlike Spark's in-memory catalog, table
 * metadata is kept in the warehouse ({@link io.ember.api.catalog.SessionCatalog}), so a later session over the same
 * warehouse sees the tables.
 */
package io.ember.api.catalog;
