package io.ember.connectors.file;

import io.ember.core.expr.Expression;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.util.List;

/** The format-specific half of a file source (CSV, JSON lines, text): immutable, shared by readers. */
public interface FileFormatReader {
  /** {@code csv}, {@code json} or {@code text}. */
  String name();

  /** Whether a file may be read in byte ranges (false for multiLine / wholetext / custom separators). */
  boolean isSplittable();

  /** Opens a reader over {@code split}; the file is opened here. */
  SplitReader open(FileSplit split, ReadRequest request) throws IOException;

  /**
   * How the format uses {@code filters} (bound to {@code dataSchema}, as {@link ReadRequest#filters()}) to skip input,
   * one entry per filter it uses, as Spark shows a scan's {@code PushedFilters}; empty (the default) when it skips
   * nothing. Only for {@code explain()}: the file source applies every filter to the rows read either way.
   */
  default List<String> pushedFilters(StructType dataSchema, List<Expression> filters) {
    return List.of();
  }
}
