package io.ember.connectors.file;

import io.ember.core.expr.Expression;
import io.ember.core.types.StructType;
import java.time.ZoneId;
import java.util.List;

/**
 * What a {@link SplitReader} must produce.
 *
 * @param dataSchema the columns of the files, including the corrupt-record column if the user declared one
 * @param columns indices into {@code dataSchema} to produce, in builder order (pushed-down projection)
 * @param zone the time zone for timestamps without one
 * @param filters the query's pushed-down conjuncts that read only data columns, bound to {@code dataSchema}; the
 *     file source applies them to every row read, so a reader may use them only to skip input that cannot match
 *     (Parquet row groups by their statistics) and must never drop a row that could
 */
public record ReadRequest(StructType dataSchema, int[] columns, ZoneId zone, List<Expression> filters) {
  public ReadRequest {
    filters = List.copyOf(filters);
  }

  /** A request without filters. */
  public ReadRequest(StructType dataSchema, int[] columns, ZoneId zone) {
    this(dataSchema, columns, zone, List.of());
  }
}
