package io.ember.connectors.file.stream;

import io.ember.connectors.file.FileEntry;
import io.ember.connectors.file.FileFormatReader;
import io.ember.connectors.file.FileLister;
import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.ReadRequest;
import io.ember.connectors.file.SplitReader;
import io.ember.connectors.file.stream.FileStreamSource.StreamFile;
import io.ember.connectors.file.stream.FileStreamSource.StreamOptions;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.SourceReader;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.StructType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The reader of a {@link FileStreamSource}. When it has no admitted file left to read it lists the path
 * (at most once per {@link FileStreamSource#LIST_INTERVAL_MILLIS}), admits the new files in order within the
 * epoch's {@code maxFilesPerTrigger} budget, and reads them one after another into batches of at most
 * {@link ReaderContext#batchSize()} rows (a batch may span files). Once the budget is spent and new files
 * wait, it reports {@link SourceReader.Status#WAITING_FOR_EPOCH} until the epoch is cut.
 *
 * <p>Its offset holds Spark's seen-files map (files admitted, by key, with their modification time, purged
 * by {@code maxFileAge}), the files admitted but not yet read whole, the records consumed of the first of
 * them, and the log offset: the number of epochs that admitted files, less one (Spark's {@code logOffset}).
 * A reader restored from it reads the rest of the admitted files and then only files it has not seen, so no
 * file is lost or read twice.
 *
 * <p>Replay ({@link #replayUntil}): the reader reads the files the epoch read after its position — the admitted ones,
 * then those the epoch admitted, in the order it admitted them (listed again to find them) — up to the end
 * position's first admitted file and its records consumed, then takes the end position whole.
 */
final class FileStreamReader implements SourceReader {
  private static final byte VERSION = 1;

  private final FileFormatReader format;
  private final String path;
  private final StructType schema;
  private final StreamOptions options;
  private final Clock clock;
  private final List<StreamFile> fixed;
  private final boolean assigned;
  private final int batchSize;
  private final ReadRequest request;

  private final Map<String, Long> seen = new LinkedHashMap<>();
  private final ArrayDeque<StreamFile> admitted = new ArrayDeque<>();
  private long purgeBefore = Long.MIN_VALUE;
  private long latestModified = Long.MIN_VALUE;
  private long logOffset = -1;
  private boolean admittedThisEpoch;
  private int takenThisEpoch;
  private long rowsThisEpoch;
  private long lastListMillis;
  private boolean listed;
  /** The last listing had more new files than the budget allowed: list again as soon as the budget renews. */
  private boolean cutShort;
  private SplitReader current;
  private long pendingSkip;
  /** The end offsets of the epoch being replayed ({@link #replayUntil}); null when not replaying. */
  private byte[] replayEnd;
  /** The replay stops in this file (the last admitted one) at {@link #replayStopRecords}; null: after the last. */
  private StreamFile replayStopFile;
  private long replayStopRecords;
  /** The replay reached its end position: nothing is read until the cut. */
  private boolean replayHeld;

  FileStreamReader(FileFormatReader format, String path, StructType schema, StreamOptions options, Clock clock,
      List<StreamFile> fixed, boolean assigned, ReaderContext context) {
    this.format = format;
    this.path = path;
    this.schema = schema;
    this.options = options;
    this.clock = clock;
    this.fixed = fixed;
    this.assigned = assigned;
    this.batchSize = Math.max(1, context.batchSize());
    int[] all = new int[schema.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    this.request = new ReadRequest(schema, all, context.eval().zone());
  }

  /**
   * The files under {@code path} now, with their modification times, skipping those whose key
   * {@code skip} accepts (without reading their times). A path or glob that matches nothing gives none.
   */
  static List<StreamFile> listNow(String path, StreamOptions options, Predicate<String> skip) {
    List<FileEntry> entries;
    try {
      entries = FileLister.list(List.of(path));
    } catch (AnalysisException e) {
      if ("PATH_NOT_FOUND".equals(e.errorClass())) {
        return List.of();
      }
      throw e;
    }
    List<StreamFile> out = new ArrayList<>(entries.size());
    for (FileEntry e : entries) {
      if (skip.test(key(e.path(), options))) {
        continue;
      }
      try {
        out.add(new StreamFile(e.path(), e.size(), Files.getLastModifiedTime(Path.of(e.path())).toMillis()));
      } catch (NoSuchFileException gone) {
        // moved away between listing and stat: it is not there to read
      } catch (IOException ex) {
        throw new EmberRuntimeException("FILE_LIST_FAILED", "Cannot read the modification time of " + e.path()
            + ": " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  private static String key(String file, StreamOptions options) {
    return options.fileNameOnly() ? Path.of(file).getFileName().toString() : file;
  }

  /** The next poll lists the directory whatever the listing interval, so files already there count as available. */
  @Override
  public void refresh() {
    listed = false;
  }

  @Override
  public Status pollNext(Consumer<Batch> out) {
    if (replayHeld) {
      return Status.WAITING_FOR_EPOCH;
    }
    if (replayEnd != null && (admitted.isEmpty()
        || (replayStopFile != null && admitted.size() == 1 && position() >= replayStopRecords))) {
      restoreOffsets(replayEnd); // the replayed epoch's end position, whole; held until the cut
      replayHeld = true;
      return Status.WAITING_FOR_EPOCH;
    }
    if (!assigned) {
      return fixed != null ? Status.END_OF_INPUT : Status.NOTHING_AVAILABLE;
    }
    if (admitted.isEmpty() && replayEnd == null) {
      admit();
      if (admitted.isEmpty()) {
        if (fixed != null && candidates(fixed, clock.millis()).isEmpty()) {
          return Status.END_OF_INPUT;
        }
        return budgetSpent() && filesWaiting() ? Status.WAITING_FOR_EPOCH : Status.NOTHING_AVAILABLE;
      }
    }
    VectorBuilder[] builders = new VectorBuilder[schema.size()];
    for (int i = 0; i < builders.length; i++) {
      builders[i] = VectorBuilder.forType(schema.field(i).dataType(), Math.min(batchSize, 4096));
    }
    int rows = 0;
    while (rows < batchSize && !admitted.isEmpty()) {
      StreamFile file = admitted.peekFirst();
      int want = batchSize - rows;
      boolean capped = false;
      if (replayEnd != null && replayStopFile != null && admitted.size() == 1) {
        long left = replayStopRecords - position();
        if (left <= want) {
          want = (int) Math.max(0, left);
          capped = true;
        }
      }
      int got = 0;
      try {
        if (file.size() > 0 && want > 0) {
          got = open(file).read(builders, want);
        }
      } catch (IOException | UncheckedIOException e) {
        throw new EmberRuntimeException("FILE_READ_FAILED", "Cannot read " + file.path() + ": " + e.getMessage(), e);
      }
      rows += got;
      if (capped) {
        break; // the replayed epoch ends inside this file: the next poll takes the end position
      }
      if (got < want) {
        closeCurrent();
        admitted.removeFirst();
      }
    }
    if (rows > 0) {
      ColumnVector[] cols = new ColumnVector[builders.length];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = builders[i].build();
      }
      out.accept(new Batch(schema, cols, rows));
      rowsThisEpoch += rows;
    }
    return Status.MORE_AVAILABLE;
  }

  /** Records consumed of the first admitted file. */
  private long position() {
    return current != null ? current.consumed() : pendingSkip;
  }

  private SplitReader open(StreamFile file) throws IOException {
    if (current == null) {
      current = format.open(new FileSplit(0, file.path(), 0, file.size()), request);
      if (pendingSkip > 0) {
        current.skip(pendingSkip);
        pendingSkip = 0;
      }
    }
    return current;
  }

  /**
   * Admits new files within the epoch's budget; lists at most once per interval (never for a fixed list),
   * except right after a barrier renewed a budget that had left new files waiting.
   */
  private void admit() {
    int budget = options.maxFilesPerTrigger() > 0 ? options.maxFilesPerTrigger() - takenThisEpoch : Integer.MAX_VALUE;
    if (budget <= 0 && rowsThisEpoch == 0) {
      // the epoch's files gave no rows (empty, or all malformed and dropped): the runtime cuts no epoch
      // without rows, so waiting for the next barrier would wait forever; their rows-less epoch goes on
      takenThisEpoch = 0;
      budget = options.maxFilesPerTrigger();
      if (cutShort) {
        listed = false; // files are waiting and each such listing admits some, so this ends
      }
    }
    if (budget <= 0) {
      return;
    }
    long now = clock.millis();
    List<StreamFile> listing;
    if (fixed != null) {
      listing = fixed;
    } else {
      if (listed && now - lastListMillis < FileStreamSource.LIST_INTERVAL_MILLIS) {
        return;
      }
      listed = true;
      lastListMillis = now;
      listing = listNow(path, options, seen::containsKey);
    }
    List<StreamFile> candidates = candidates(listing, now);
    int n = Math.min(budget, candidates.size());
    cutShort = n < candidates.size();
    for (int i = 0; i < n; i++) {
      StreamFile f = candidates.get(i);
      seen.put(key(f.path(), options), f.modifiedMillis());
      latestModified = Math.max(latestModified, f.modifiedMillis());
      admitted.addLast(f);
    }
    if (n > 0) {
      takenThisEpoch += n;
      if (!admittedThisEpoch) {
        admittedThisEpoch = true;
        logOffset++;
      }
      purge();
    }
  }

  private boolean budgetSpent() {
    return options.maxFilesPerTrigger() > 0 && takenThisEpoch >= options.maxFilesPerTrigger();
  }

  /**
   * Whether new files wait for the next epoch's budget: those the last listing left, or, when a listing is due
   * (the interval passed or {@link #refresh} asked), those a listing finds now; they are admitted after the cut.
   */
  private boolean filesWaiting() {
    if (fixed != null) {
      return !candidates(fixed, clock.millis()).isEmpty();
    }
    long now = clock.millis();
    if (!cutShort && (!listed || now - lastListMillis >= FileStreamSource.LIST_INTERVAL_MILLIS)) {
      listed = true;
      lastListMillis = now;
      cutShort = !candidates(listNow(path, options, seen::containsKey), now).isEmpty();
    }
    return cutShort;
  }

  /** The new files of {@code listing}, in the order they are taken. */
  private List<StreamFile> candidates(List<StreamFile> listing, long now) {
    List<StreamFile> out = new ArrayList<>();
    for (StreamFile f : listing) {
      if (!seen.containsKey(key(f.path(), options)) && f.modifiedMillis() >= purgeBefore
          && now - f.modifiedMillis() >= options.minFileAgeMillis()) {
        out.add(f);
      }
    }
    Comparator<StreamFile> byTime = Comparator.comparingLong(StreamFile::modifiedMillis);
    out.sort((options.latestFirst() ? byTime.reversed() : byTime).thenComparing(StreamFile::path));
    return out;
  }

  /** Spark's {@code SeenFilesMap.purge}: forgets files older than the newest one minus {@code maxFileAge}. */
  private void purge() {
    if (options.maxFileAgeMillis() == Long.MAX_VALUE || latestModified == Long.MIN_VALUE) {
      return;
    }
    purgeBefore = latestModified - options.maxFileAgeMillis();
    Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue() < purgeBefore) {
        it.remove();
      }
    }
  }

  private void closeCurrent() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        // the file was read whole; a failing close loses nothing
      }
      current = null;
    }
    pendingSkip = 0;
  }

  /** The state after the last emitted batch; also ends the epoch, renewing the {@code maxFilesPerTrigger} budget. */
  @Override
  public byte[] snapshotOffsets(long epoch) {
    replayEnd = null;
    replayStopFile = null;
    replayHeld = false;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(logOffset);
      out.writeLong(purgeBefore);
      out.writeLong(latestModified);
      out.writeInt(seen.size());
      for (Map.Entry<String, Long> e : seen.entrySet()) {
        writeString(out, e.getKey());
        out.writeLong(e.getValue());
      }
      out.writeInt(admitted.size());
      for (StreamFile f : admitted) {
        writeString(out, f.path());
        out.writeLong(f.size());
        out.writeLong(f.modifiedMillis());
      }
      out.writeLong(current != null ? current.consumed() : pendingSkip);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    takenThisEpoch = 0;
    rowsThisEpoch = 0;
    admittedThisEpoch = false;
    if (cutShort) {
      listed = false; // files are waiting: a barrier comes at most once per epoch, so this cannot spin
      cutShort = false;
    }
    return bytes.toByteArray();
  }

  @Override
  public void restoreOffsets(byte[] offsets) {
    Position p = decode(offsets);
    closeCurrent();
    logOffset = p.logOffset();
    purgeBefore = p.purgeBefore();
    latestModified = p.latestModified();
    seen.clear();
    seen.putAll(p.seen());
    admitted.clear();
    admitted.addAll(p.admitted());
    pendingSkip = p.consumed();
    takenThisEpoch = 0;
    rowsThisEpoch = 0;
    admittedThisEpoch = false;
    replayEnd = null;
    replayStopFile = null;
    replayHeld = false;
  }

  /**
   * Reads the files the replayed epoch read after this position (see the class comment); the directory is listed
   * again to find the ones the epoch admitted.
   *
   * @throws EmberRuntimeException {@code INVALID_OFFSET} when a file the epoch read is gone, or {@code endOffsets}
   *     is not a later position of this reader
   */
  @Override
  public boolean replayUntil(byte[] endOffsets) {
    Position end = decode(endOffsets);
    List<String> added = new ArrayList<>();
    for (String key : end.seen().keySet()) {
      if (!seen.containsKey(key)) {
        added.add(key);
      }
    }
    Map<String, StreamFile> files = new HashMap<>();
    for (StreamFile f : end.admitted()) {
      files.put(key(f.path(), options), f);
    }
    if (!files.keySet().containsAll(added)) {
      Set<String> wanted = new HashSet<>(added);
      for (StreamFile f : fixed != null ? fixed : listNow(path, options, k -> !wanted.contains(k))) {
        files.putIfAbsent(key(f.path(), options), f);
      }
    }
    List<StreamFile> queue = new ArrayList<>(admitted);
    for (String key : added) {
      StreamFile f = files.get(key);
      if (f == null) {
        throw new EmberRuntimeException("INVALID_OFFSET", "The file " + key + ", read in the epoch being replayed,"
            + " is no longer under " + path + "; the epoch cannot be read again.");
      }
      queue.add(f);
    }
    replayStopFile = null;
    if (!end.admitted().isEmpty()) {
      StreamFile stop = end.admitted().get(0);
      int at = -1;
      for (int i = 0; i < queue.size() && at < 0; i++) {
        at = queue.get(i).path().equals(stop.path()) ? i : -1;
      }
      if (at < 0) {
        throw new EmberRuntimeException("INVALID_OFFSET", "The replayed epoch ends in " + stop.path() + ", which this"
            + " reader does not read after its position.");
      }
      queue = queue.subList(0, at + 1);
      replayStopFile = stop;
      replayStopRecords = end.consumed();
    }
    admitted.clear();
    admitted.addAll(queue);
    replayEnd = endOffsets;
    return true;
  }

  /** A decoded offset: see the class comment. */
  private record Position(long logOffset, long purgeBefore, long latestModified, Map<String, Long> seen,
      List<StreamFile> admitted, long consumed) {}

  private static Position decode(byte[] offsets) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(offsets))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new EmberRuntimeException("INVALID_OFFSET", "Unknown file stream offset version " + version + ".");
      }
      long logOffset = in.readLong();
      long purgeBefore = in.readLong();
      long latestModified = in.readLong();
      Map<String, Long> seen = new LinkedHashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        seen.put(readString(in), in.readLong());
      }
      List<StreamFile> admitted = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        admitted.add(new StreamFile(readString(in), in.readLong(), in.readLong()));
      }
      return new Position(logOffset, purgeBefore, latestModified, seen, admitted, in.readLong());
    } catch (IOException e) {
      throw new EmberRuntimeException("INVALID_OFFSET", "Corrupt file stream offset: " + e.getMessage(), e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Spark's file source offset {@code {"logOffset":N}}, or null before any file was taken. */
  @Override
  public String describeOffsets() {
    return logOffset < 0 ? null : "{\"logOffset\":" + logOffset + "}";
  }

  @Override
  public void close() {
    closeCurrent();
  }
}
