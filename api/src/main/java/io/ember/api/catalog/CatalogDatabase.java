package io.ember.api.catalog;

import java.util.Map;
import java.util.TreeMap;

/**
 * A database (Spark's schema or namespace) of the session catalog.
 *
 * @param name its name, lower case
 * @param location the absolute path of the directory its managed tables' data lies under
 * @param comment its comment, or null
 * @param properties its properties ({@code WITH DBPROPERTIES}, {@code ALTER DATABASE .. SET DBPROPERTIES}), which
 *     Ember keeps but does not interpret
 */
public record CatalogDatabase(String name, String location, String comment, Map<String, String> properties) {
  public CatalogDatabase {
    properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
  }

  /** A database without properties. */
  public CatalogDatabase(String name, String location, String comment) {
    this(name, location, comment, Map.of());
  }

  /** This database with {@code more} properties set (replacing those of the same keys). */
  public CatalogDatabase withProperties(Map<String, String> more) {
    Map<String, String> all = new TreeMap<>(properties);
    all.putAll(more);
    return new CatalogDatabase(name, location, comment, all);
  }
}
