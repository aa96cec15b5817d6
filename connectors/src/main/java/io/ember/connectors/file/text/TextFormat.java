package io.ember.connectors.file.text;

import io.ember.connectors.file.FileFormatReader;
import io.ember.connectors.file.FileOptions;
import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.LineRangeInputStream;
import io.ember.connectors.file.LineReader;
import io.ember.connectors.file.ReadRequest;
import io.ember.connectors.file.SplitReader;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Spark's text format: one row per line in a {@code value} string column (the line without its
 * terminator), or one row per file with {@code wholetext}. {@code lineSep} sets a custom separator
 * (files are then not split).
 */
public final class TextFormat implements FileFormatReader {
  /** The schema of text input: {@code value string}. */
  public static final StructType SCHEMA = DataTypes.struct(DataTypes.field("value", DataTypes.STRING));

  private final boolean wholeText;
  private final byte[] lineSep;

  public TextFormat(FileOptions options) {
    this.wholeText = options.getBoolean("wholetext", false);
    String sep = options.get("lineSep", null);
    this.lineSep = sep == null ? null : sep.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String name() {
    return "text";
  }

  @Override
  public boolean isSplittable() {
    return !wholeText && lineSep == null;
  }

  @Override
  public SplitReader open(FileSplit split, ReadRequest request) throws IOException {
    if (wholeText) {
      return new WholeFile(split.path());
    }
    long end = isSplittable() ? split.end() : Long.MAX_VALUE;
    return new Lines(new LineReader(new LineRangeInputStream(split.path(), split.start(), end), lineSep),
        request.columns().length > 0);
  }

  /** One row per line; a record is a line. */
  private static final class Lines implements SplitReader {
    private final LineReader lines;
    private final boolean produce;
    private long consumed;

    Lines(LineReader lines, boolean produce) {
      this.lines = lines;
      this.produce = produce;
    }

    @Override
    public int read(VectorBuilder[] builders, int maxRows) throws IOException {
      int n = 0;
      while (n < maxRows && lines.next()) {
        consumed++;
        if (produce) {
          ((VectorBuilder.Strings) builders[0]).appendUtf8(lines.line(), 0, lines.length());
        }
        n++;
      }
      return n;
    }

    @Override
    public long consumed() {
      return consumed;
    }

    @Override
    public void skip(long records) throws IOException {
      while (consumed < records && lines.next()) {
        consumed++;
      }
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }

  /** One row holding the whole file. */
  private static final class WholeFile implements SplitReader {
    private final String path;
    private long consumed;

    WholeFile(String path) {
      this.path = path;
    }

    @Override
    public int read(VectorBuilder[] builders, int maxRows) throws IOException {
      if (consumed > 0 || maxRows == 0) {
        return 0;
      }
      byte[] bytes = Files.readAllBytes(Path.of(path));
      if (builders.length > 0) {
        ((VectorBuilder.Strings) builders[0]).appendUtf8(bytes, 0, bytes.length);
      }
      consumed = 1;
      return 1;
    }

    @Override
    public long consumed() {
      return consumed;
    }

    @Override
    public void skip(long records) {
      consumed = Math.min(1, records);
    }

    @Override
    public void close() {}
  }
}
