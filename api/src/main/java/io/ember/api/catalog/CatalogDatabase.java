package io.ember.api.catalog;

/**
 * A database (Spark's schema or namespace) of the session catalog.
 *
 * @param name its name, lower case
 * @param location the absolute path of the directory its managed tables' data lies under
 * @param comment its comment, or null
 */
public record CatalogDatabase(String name, String location, String comment) {}
