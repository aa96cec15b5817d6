/**
 * Spark's JSON functions as vectorized {@link io.ember.core.expr.Expression}s, registered by name in
 * {@link io.ember.core.expr.json.JsonFunctions}: {@code from_json}, {@code to_json}, {@code schema_of_json},
 * {@code get_json_object} and {@code json_tuple}. Parsing and value conversion are the JSON file source's
 * ({@link io.ember.core.json.JsonValueReader}, {@link io.ember.core.json.JsonValueWriter}, Jackson's streaming API),
 * so a JSON value means the same in a file and in a column.
 */
package io.ember.core.expr.json;
