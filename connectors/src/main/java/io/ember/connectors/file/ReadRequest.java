package io.ember.connectors.file;

import io.ember.core.types.StructType;
import java.time.ZoneId;

/**
 * What a {@link SplitReader} must produce.
 *
 * @param dataSchema the columns of the files, including the corrupt-record column if the user declared one
 * @param columns indices into {@code dataSchema} to produce, in builder order (pushed-down projection)
 * @param zone the time zone for timestamps without one
 */
public record ReadRequest(StructType dataSchema, int[] columns, ZoneId zone) {}
