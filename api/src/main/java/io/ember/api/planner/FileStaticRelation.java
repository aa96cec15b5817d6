package io.ember.api.planner;

import io.ember.connectors.file.FileEntry;
import io.ember.connectors.file.FileLister;
import io.ember.connectors.file.FileSource;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.SourceReader;
import io.ember.core.data.Batch;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.calc.CalcSpec;
import io.ember.operators.join.StaticRelation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The static side of a stream-static join that reads files (a file scan, or a table's files, with projections and
 * filters over it): its {@linkplain #version() version} is the listing of the scan's paths now, each file with its
 * size and modification time, so files added, removed, rewritten or touched make a new version, and an unchanged
 * directory costs one listing per check. {@link #read} reads the files of that listing and runs the steps over
 * them in the calling thread.
 *
 * @param source the scan as planned (its columns and filters pushed down), listed again at every check
 * @param steps the projections and filters over the scan, in order
 */
public record FileStaticRelation(FileSource source, List<CalcSpec> steps) implements StaticRelation {
  public FileStaticRelation {
    steps = List.copyOf(steps);
  }

  /** A file, as a version compares it. */
  private record Stamp(String path, long size, long modifiedMillis) {}

  /** A listing: equal when the same files have the same sizes and modification times; holds its source. */
  private static final class Listing {
    private final List<Stamp> stamps;
    private final FileSource source;

    Listing(List<Stamp> stamps, FileSource source) {
      this.stamps = stamps;
      this.source = source;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Listing l && l.stamps.equals(stamps);
    }

    @Override
    public int hashCode() {
      return stamps.hashCode();
    }
  }

  @Override
  public StructType schema() {
    return steps.isEmpty() ? source.schema() : steps.get(steps.size() - 1).outputSchema();
  }

  /**
   * @throws io.ember.core.errors.AnalysisException {@code PATH_NOT_FOUND} when a path of the scan matches nothing
   *     now
   * @throws EmberRuntimeException {@code STREAM_STATIC_JOIN_SCHEMA_CHANGED} when the files now have other
   *     partition columns than when the query started
   */
  @Override
  public Object version() {
    FileSource now = source.relisted();
    if (!now.schema().equals(source.schema())) {
      throw new EmberRuntimeException("STREAM_STATIC_JOIN_SCHEMA_CHANGED", "The static side of a stream-static join"
          + " changed its schema from " + source.schema().simpleString() + " to " + now.schema().simpleString()
          + " (its partition directories changed): " + source.explain() + ". Restart the query to read it with the"
          + " new schema.");
    }
    List<Stamp> stamps = new ArrayList<>(now.files().size());
    for (FileEntry f : now.files()) {
      long modified;
      try {
        modified = Files.getLastModifiedTime(FileLister.toPath(f.path())).toMillis();
      } catch (NoSuchFileException e) {
        modified = -1; // removed since the listing: the next check sees a new listing
      } catch (IOException e) {
        throw new EmberRuntimeException("FILE_READ_ERROR", "Cannot read the modification time of " + f.path()
            + ", a file of the static side of a stream-static join: " + e.getMessage(), e);
      }
      stamps.add(new Stamp(f.path(), f.size(), modified));
    }
    return new Listing(List.copyOf(stamps), now);
  }

  @Override
  public void read(Object version, OperatorContext context, Consumer<Batch> out) {
    FileSource listed = ((Listing) version).source;
    List<Operator> ops = new ArrayList<>(steps.size());
    for (CalcSpec step : steps) {
      Operator op = step.create();
      op.open(context);
      ops.add(op);
    }
    Output[] outputs = new Output[ops.size() + 1];
    outputs[ops.size()] = out::accept;
    for (int i = ops.size() - 1; i >= 0; i--) {
      Operator op = ops.get(i);
      Output next = outputs[i + 1];
      outputs[i] = batch -> op.process(0, batch, next);
    }
    ReaderContext readerContext = new ReaderContext(0, 1, context.batchSize(), context.eval());
    try (SourceReader reader = listed.createReader(listed.planSplits(1), readerContext)) {
      SourceReader.Status status;
      do {
        status = reader.pollNext(outputs[0]::emit);
      } while (status != SourceReader.Status.END_OF_INPUT);
      for (int i = 0; i < ops.size(); i++) {
        ops.get(i).endOfInput(0, outputs[i + 1]);
      }
    } finally {
      ops.forEach(Operator::close);
    }
  }

  @Override
  public String explain() {
    StringBuilder sb = new StringBuilder(source.explain());
    for (CalcSpec step : steps) {
      sb.append(" -> ").append(step.explain());
    }
    return sb.toString();
  }
}
