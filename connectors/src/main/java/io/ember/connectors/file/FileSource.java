package io.ember.connectors.file;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.connectors.source.SupportsPushdown;
import io.ember.core.expr.ColumnRefs;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded source over a fixed list of files in one format. Its full schema is the files' data schema
 * followed by the partition columns found in Hive-style directories ({@code key=value/}); pushdown
 * narrows the columns that are converted ({@link #withColumns}) and drops rows after parsing
 * ({@link #withFilters}). Listing happened before construction; reading never lists.
 */
public final class FileSource implements SupportsPushdown {
  private final FileFormatReader format;
  private final List<String> inputPaths;
  private final List<FileEntry> files;
  private final StructType dataSchema;
  private final PartitionColumns partitions;
  private final int[] projection;
  private final List<Expression> filters;
  private final long maxPartitionBytes;

  FileSource(
      FileFormatReader format,
      List<String> inputPaths,
      List<FileEntry> files,
      StructType dataSchema,
      PartitionColumns partitions,
      int[] projection,
      List<Expression> filters,
      long maxPartitionBytes) {
    this.format = format;
    this.inputPaths = List.copyOf(inputPaths);
    this.files = List.copyOf(files);
    this.dataSchema = dataSchema;
    this.partitions = partitions;
    this.projection = projection;
    this.filters = List.copyOf(filters);
    this.maxPartitionBytes = maxPartitionBytes;
  }

  static FileSource of(
      FileFormatReader format, List<String> paths, List<FileEntry> files, StructType dataSchema,
      PartitionColumns partitions, long maxPartitionBytes) {
    int n = dataSchema.size() + partitions.schema().size();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return new FileSource(format, paths, files, dataSchema, partitions, all, List.of(), maxPartitionBytes);
  }

  /** The data columns followed by the partition columns. */
  public StructType fullSchema() {
    List<StructField> fields = new ArrayList<>(dataSchema.fields());
    fields.addAll(partitions.schema().fields());
    return new StructType(fields);
  }

  /** The files this source reads, sorted by path. */
  public List<FileEntry> files() {
    return files;
  }

  public String formatName() {
    return format.name();
  }

  @Override
  public StructType schema() {
    return fullSchema().select(projection);
  }

  @Override
  public boolean isBounded() {
    return true;
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    return new ArrayList<>(FileSplitter.split(
        files, format.isSplittable(), maxPartitionBytes, FileSplitter.DEFAULT_OPEN_COST_BYTES, parallelismHint));
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    List<FileSplit> mine = new ArrayList<>(splits.size());
    for (SourceSplit s : splits) {
      mine.add((FileSplit) s);
    }
    return new FileSourceReader(format, mine, dataSchema, partitions, files, projection, filters, context);
  }

  @Override
  public Source withColumns(int[] columnIndices) {
    int[] p = new int[columnIndices.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = projection[columnIndices[i]];
    }
    return new FileSource(format, inputPaths, files, dataSchema, partitions, p, filters, maxPartitionBytes);
  }

  /** Filters bound to {@link #schema()} are rebound to the full schema, so later projections keep them valid. */
  @Override
  public Source withFilters(List<Expression> newFilters) {
    List<Expression> all = new ArrayList<>(filters);
    for (Expression f : newFilters) {
      all.add(ColumnRefs.remap(f, projection));
    }
    return new FileSource(format, inputPaths, files, dataSchema, partitions, projection, all, maxPartitionBytes);
  }

  /**
   * This source over the files its paths hold now: the paths listed again, partition values discovered again from
   * the new listing, the same format, options, columns and filters. A stream-static join reads its static side
   * through this when the files changed. The result's {@link #schema()} differs from this one's when the partition
   * columns found now differ (a new partition column, or a value that no longer fits the inferred type).
   *
   * @throws io.ember.core.errors.AnalysisException {@code PATH_NOT_FOUND} when a path matches nothing now
   */
  public FileSource relisted() {
    List<FileEntry> now = FileLister.list(inputPaths);
    return new FileSource(format, inputPaths, now, dataSchema, PartitionColumns.discover(now, dataSchema), projection,
        filters, maxPartitionBytes);
  }

  @Override
  public String explain() {
    StringBuilder sb = new StringBuilder("FileScan ").append(format.name()).append(' ').append(inputPaths)
        .append(" schema=").append(schema().simpleString());
    if (!filters.isEmpty()) {
      sb.append(" filters=[");
      for (int i = 0; i < filters.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(filters.get(i).sql());
      }
      sb.append(']');
      List<String> pushed = format.pushedFilters(dataSchema, FilterBinding.dataOnly(filters, dataSchema.size()));
      if (!pushed.isEmpty()) {
        sb.append(" PushedFilters: [").append(String.join(", ", pushed)).append(']');
      }
    }
    return sb.toString();
  }
}
