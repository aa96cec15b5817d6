package io.ember.checkpointing;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.state.ChunkedBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * A query's durable checkpoint location ({@code checkpointLocation}), laid out as Spark's:
 *
 * <pre>
 *   metadata                         the query id and the query's {@link QueryFingerprint} (JSON)
 *   offsets/&lt;epoch&gt;                  the epoch's {@link EpochMetadata} (offsets, watermark, snapshots)
 *   commits/&lt;epoch&gt;                  "v1" and the next epoch's watermark (JSON): the epoch is complete
 *   sinks/&lt;epoch&gt;                    "v1": every sink committed the epoch (Spark's commit log)
 *   replay/&lt;epoch&gt;                   the epoch's {@link EpochMetadata} while the epoch is being replayed
 *   state/&lt;vertex&gt;/&lt;task&gt;/&lt;epoch&gt;.snapshot
 *                                    a task's full {@link TaskSnapshot} of the epoch
 *   state/&lt;vertex&gt;/&lt;task&gt;/&lt;epoch&gt;.delta
 *                                    a task's delta snapshot: what changed since its snapshot of an earlier epoch
 * </pre>
 *
 * <p>State: a task writes a full snapshot when it starts (or restarts) and deltas after it, so an epoch's state is
 * a chain of files, as in Spark's state store. When the location's {@link CompactionPolicy} calls for it (by
 * default: at least {@value #MIN_DELTAS_FOR_SNAPSHOT_KEY} deltas, 10, holding half the bytes of the chain's full
 * state, or 500 deltas, or deltas outweighing their base), a background
 * thread writes the materialized state of the latest delta as {@code <epoch>.snapshot} beside its
 * {@code <epoch>.delta}, so reads stay short; the metadata lists the {@code .delta} file (what the task wrote).
 * {@link #read} materializes chains. Retention keeps every file the kept epochs' chains need.
 *
 * <p>{@link #write} writes an epoch's state files, then its offsets file, then its commit file, each atomically
 * (see {@link CheckpointFiles}). An epoch is complete exactly when its commit file exists, so a process killed
 * at any point leaves the previous epoch as the latest complete one, or the new one whole; files of an epoch
 * that never committed are ignored by readers and deleted when a writer next opens the location. After a commit,
 * epochs older than the newest {@code minBatchesToRetain} ({@value #MIN_BATCHES_TO_RETAIN_KEY}, default
 * {@link #DEFAULT_MIN_BATCHES_TO_RETAIN}) are deleted, commit file first, so a reader never sees a committed
 * epoch with files missing unless someone else deleted them.
 *
 * <p>Sink commit log and replays: an epoch is checkpointed (its commit file written) before the sinks commit it,
 * and {@link #markSinksCommitted} records afterwards that they did. A restart that finds the latest complete epoch
 * {@code N} without that record, and a sink that cannot commit {@code N} again from its stored pre-commits (a
 * driver-local sink), replays {@code N}: {@link #beginReplay} keeps {@code N}'s metadata as {@code replay/N}, then
 * removes epoch {@code N} (commit file first), so the query resumes from {@code N - 1} and reads exactly {@code N}'s
 * offset range again as epoch {@code N}. A process killed during the replay finds {@link #pendingReplay} at its next
 * start and replays the same range again; the replay file goes once {@code N} is written anew.
 *
 * <p>One writer per location (the running query); any number of readers, in this or other processes, may call
 * {@link #latestCompleteEpoch()} and {@link #read(long)} meanwhile. Writes of one instance are serialized.
 *
 * <p>This class keeps the protocol; the file names are {@code CheckpointLayout}'s, the metadata file is
 * {@code QueryMetadataFile}, chains are read by {@code StateChainReader} and compacted by {@code StateCompactor},
 * and {@code CheckpointRetention} deletes what is no longer needed.
 */
public final class CheckpointDirectory {
  /** Spark's option for how many complete epochs a checkpoint location keeps. */
  public static final String MIN_BATCHES_TO_RETAIN_KEY = "spark.sql.streaming.minBatchesToRetain";
  /** Spark's default of {@value #MIN_BATCHES_TO_RETAIN_KEY}. */
  public static final int DEFAULT_MIN_BATCHES_TO_RETAIN = 100;
  /** Spark's option for how many deltas a task's state chain holds before a full snapshot is written. */
  public static final String MIN_DELTAS_FOR_SNAPSHOT_KEY = CompactionPolicy.MIN_DELTAS_KEY;
  /** Version of the {@code metadata} file format. */
  public static final int METADATA_VERSION = 1;
  /** Version line of the {@code commits/<epoch>} files, as in Spark's commit log. */
  static final String COMMIT_VERSION = "v1";
  /** Writes the compacted snapshots of every location of the process, one at a time, off the commit threads. */
  private static final Executor SHARED_COMPACTOR = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ember-checkpoint-compaction");
    t.setDaemon(true);
    return t;
  });

  private final Path location;
  private final CheckpointLayout layout;
  private final String queryId;
  private final QueryFingerprint fingerprint;
  private final int minBatchesToRetain;
  private final CheckpointFiles files;
  private final boolean writable;
  private final StateChainReader chainReader;
  /** Compacts long state chains in the background; its chain counts are guarded by this. */
  private final StateCompactor compactor;
  private final CheckpointRetention retention;
  /** The latest epoch this writer committed or found committed; -1 for none. Guarded by this. */
  private long latestWritten = -1;

  private CheckpointDirectory(Path location, String queryId, QueryFingerprint fingerprint, int minBatchesToRetain,
      CheckpointFiles files, boolean writable, CompactionPolicy compaction, Executor compactor) {
    this.location = location;
    this.layout = new CheckpointLayout(location);
    this.queryId = queryId;
    this.fingerprint = fingerprint;
    this.minBatchesToRetain = minBatchesToRetain;
    this.files = files;
    this.writable = writable;
    this.chainReader = new StateChainReader(layout, files);
    this.compactor = new StateCompactor(layout, files, chainReader, compaction, compactor);
    this.retention = new CheckpointRetention(layout, files);
  }

  /**
   * Opens {@code location} for the query whose shape is {@code fingerprint}, to write epochs into it: a new or
   * empty location gets a fresh query id; an existing one keeps its id and must have been written by a query of
   * the same shape. Deletes what a killed writer left behind (temporary files, epochs that never committed).
   *
   * @throws CheckpointMismatchException when the location belongs to a query of another shape
   * @throws CheckpointCorruptException when the location is not a readable checkpoint location
   */
  public static CheckpointDirectory open(Path location, QueryFingerprint fingerprint, int minBatchesToRetain) {
    return open(location, fingerprint, minBatchesToRetain, new CheckpointFiles());
  }

  static CheckpointDirectory open(Path location, QueryFingerprint fingerprint, int minBatchesToRetain,
      CheckpointFiles files) {
    return open(location, fingerprint, minBatchesToRetain, files, CompactionPolicy.DEFAULT, SHARED_COMPACTOR);
  }

  /** As {@link #open(Path, QueryFingerprint, int)}, compacting state chains as {@code compaction} says. */
  public static CheckpointDirectory open(Path location, QueryFingerprint fingerprint, int minBatchesToRetain,
      CompactionPolicy compaction) {
    return open(location, fingerprint, minBatchesToRetain, new CheckpointFiles(), compaction, SHARED_COMPACTOR);
  }

  /** As {@link #open(Path, QueryFingerprint, int)}, compacting every {@code minDeltasForSnapshot} deltas on {@code compactor}. */
  static CheckpointDirectory open(Path location, QueryFingerprint fingerprint, int minBatchesToRetain,
      CheckpointFiles files, int minDeltasForSnapshot, Executor compactor) {
    return open(location, fingerprint, minBatchesToRetain, files, CompactionPolicy.everyDeltas(minDeltasForSnapshot),
        compactor);
  }

  /** As {@link #open(Path, QueryFingerprint, int)}, compacting as {@code compaction} says on {@code compactor}. */
  static CheckpointDirectory open(Path location, QueryFingerprint fingerprint, int minBatchesToRetain,
      CheckpointFiles files, CompactionPolicy compaction, Executor compactor) {
    if (minBatchesToRetain < 1) {
      throw new IllegalArgumentException(MIN_BATCHES_TO_RETAIN_KEY + " must be at least 1, got "
          + minBatchesToRetain);
    }
    Path dir = location.toAbsolutePath().normalize();
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new CheckpointCorruptException("The checkpoint location " + dir + " is a file, not a directory.");
      }
      Files.createDirectories(dir);
      Path metadata = dir.resolve(CheckpointLayout.METADATA);
      String id;
      if (Files.exists(metadata)) {
        QueryMetadataFile stored = QueryMetadataFile.read(dir, files);
        List<String> changes = fingerprint.differences(stored.fingerprint());
        if (!changes.isEmpty()) {
          throw new CheckpointMismatchException(dir.toString(), changes);
        }
        id = stored.queryId();
      } else {
        if (!CheckpointLayout.epochsIn(dir.resolve(CheckpointLayout.COMMITS)).isEmpty()) {
          throw new CheckpointCorruptException("The checkpoint location " + dir + " has committed epochs but no "
              + CheckpointLayout.METADATA + " file; it was damaged. Start the query with a new checkpoint location.");
        }
        id = UUID.randomUUID().toString();
        files.writeAtomically(metadata, new QueryMetadataFile(id, fingerprint).encode());
      }
      CheckpointDirectory d = new CheckpointDirectory(dir, id, fingerprint, minBatchesToRetain, files, true,
          compaction, compactor);
      d.latestWritten = d.latestCompleteEpoch().orElse(-1);
      d.retention.removeLeftovers(d.latestWritten);
      return d;
    } catch (IOException e) {
      throw unreadable(dir, e);
    }
  }

  /**
   * Opens an existing location only to read it (any fingerprint, nothing deleted); {@link #write} is refused.
   *
   * @throws CheckpointCorruptException when there is no readable checkpoint at {@code location}
   */
  public static CheckpointDirectory openForReading(Path location) {
    Path dir = location.toAbsolutePath().normalize();
    try {
      QueryMetadataFile stored = QueryMetadataFile.read(dir, new CheckpointFiles());
      return new CheckpointDirectory(dir, stored.queryId(), stored.fingerprint(), Integer.MAX_VALUE,
          new CheckpointFiles(), false, CompactionPolicy.DEFAULT, SHARED_COMPACTOR);
    } catch (IOException e) {
      throw unreadable(dir, e);
    }
  }

  public Path location() {
    return location;
  }

  /** The id of the query the location belongs to, kept across restarts. */
  public String queryId() {
    return queryId;
  }

  /** The shape of the query, as stored in (or, for a new location, written to) the metadata file. */
  public QueryFingerprint fingerprint() {
    return fingerprint;
  }

  /** The newest epoch whose commit file exists, empty when none committed. */
  public OptionalLong latestCompleteEpoch() {
    try {
      return CheckpointLayout.epochsIn(layout.commitsDir()).stream().mapToLong(Long::longValue).max();
    } catch (IOException e) {
      throw unreadable(location, e);
    }
  }

  /** The committed epochs still kept, oldest first. */
  public List<Long> completeEpochs() {
    try {
      List<Long> epochs = CheckpointLayout.epochsIn(layout.commitsDir());
      epochs.sort(null);
      return epochs;
    } catch (IOException e) {
      throw unreadable(location, e);
    }
  }

  /**
   * Writes complete epoch {@code metadata.epoch()}: {@code snapshots} must be exactly the task snapshots the
   * metadata lists, with the sizes and checksums it lists (deltas as the tasks took them, each on a snapshot of
   * its task this location holds). Returns once the commit file is durable and retention ran; long chains are
   * compacted afterwards in the background.
   *
   * @throws IllegalArgumentException when the snapshots do not match the metadata, a delta's base is not here, or
   *     the query id differs
   * @throws IllegalStateException when the epoch is not newer than the latest complete one, or this instance was
   *     opened for reading
   * @throws EmberRuntimeException {@code CHECKPOINT_WRITE_FAILED} when the file system refuses a write
   */
  public synchronized void write(EpochMetadata metadata, Collection<TaskSnapshot> snapshots) {
    long epoch = metadata.epoch();
    if (!writable) {
      throw new IllegalStateException("The checkpoint location " + location + " was opened for reading");
    }
    if (!metadata.queryId().equals(queryId)) {
      throw new IllegalArgumentException("Epoch " + epoch + " belongs to query " + metadata.queryId()
          + " but the checkpoint location " + location + " to query " + queryId);
    }
    if (epoch <= latestWritten) {
      throw new IllegalStateException("Epoch " + epoch + " is not newer than epoch " + latestWritten
          + ", the latest complete one in " + location);
    }
    Map<Path, ChunkedBytes> stateFiles = encodeStateFiles(metadata, snapshots);
    try {
      for (Map.Entry<Path, ChunkedBytes> f : stateFiles.entrySet()) {
        files.writeAtomically(f.getKey(), f.getValue());
      }
      files.writeAtomically(layout.offsetsFile(epoch), metadata.encode());
      files.writeAtomically(layout.commitFile(epoch), commitText(metadata).getBytes(StandardCharsets.UTF_8));
      latestWritten = epoch;
      for (long e : CheckpointLayout.epochsIn(layout.replayDir())) {
        if (e <= epoch) {
          files.delete(layout.replayFile(e)); // the replay is checkpointed
        }
      }
      retention.deleteEpochsBefore(epoch - minBatchesToRetain + 1);
      compactor.committed(epoch, snapshots);
    } catch (IOException e) {
      throw new EmberRuntimeException("CHECKPOINT_WRITE_FAILED", "Cannot write epoch " + epoch
          + " to the checkpoint location " + location + ": " + e + ". Check that the location is writable and"
          + " has space.", e);
    }
  }

  private Map<Path, ChunkedBytes> encodeStateFiles(EpochMetadata metadata, Collection<TaskSnapshot> snapshots) {
    long epoch = metadata.epoch();
    Map<Path, ChunkedBytes> out = new LinkedHashMap<>();
    Map<TaskStateKey, Boolean> seen = new HashMap<>();
    for (TaskSnapshot s : snapshots) {
      EpochMetadata.TaskEntry entry = metadata.task(s.key());
      if (s.epoch() != epoch || entry == null || seen.put(s.key(), true) != null) {
        throw new IllegalArgumentException("The snapshot of " + s.key() + " at epoch " + s.epoch()
            + " is not one epoch " + epoch + "'s metadata lists (once)");
      }
      TaskSnapshot.Encoded written = s.encodeInChunks();
      ChunkedBytes encoded = written.bytes();
      if (encoded.length() != entry.sizeBytes() || written.checksum() != entry.checksum()) {
        throw new IllegalArgumentException("The snapshot of " + s.key() + " differs from the one epoch " + epoch
            + "'s metadata lists (" + encoded.length() + " bytes, listed " + entry.sizeBytes() + ")");
      }
      if (s.isDelta() && layout.stateFileOf(s.key(), s.baseEpoch()) == null) {
        throw new IllegalArgumentException("The snapshot of " + s.key() + " at epoch " + epoch + " is a delta on"
            + " epoch " + s.baseEpoch() + ", whose state " + location + " does not hold");
      }
      out.put(s.isDelta() ? layout.deltaFile(s.key(), epoch) : layout.stateFile(s.key(), epoch), encoded);
    }
    if (seen.size() != metadata.tasks().size()) {
      throw new IllegalArgumentException("Epoch " + epoch + " lists " + metadata.tasks().size()
          + " task snapshots but " + seen.size() + " were given");
    }
    return out;
  }

  /**
   * Records that every sink committed complete epoch {@code epoch} (Spark's commit log); the query calls it after the
   * sinks' commit of each checkpointed epoch.
   *
   * @throws IllegalStateException when the epoch is not complete here, or this instance was opened for reading
   * @throws EmberRuntimeException {@code CHECKPOINT_WRITE_FAILED} when the file system refuses the write
   */
  public synchronized void markSinksCommitted(long epoch) {
    if (!writable || epoch > latestWritten) {
      throw new IllegalStateException("Cannot record the sink commit of epoch " + epoch + " in " + location
          + (writable ? ": the latest complete epoch is " + latestWritten : ", opened for reading"));
    }
    try {
      files.writeAtomically(layout.sinksFile(epoch), (COMMIT_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new EmberRuntimeException("CHECKPOINT_WRITE_FAILED", "Cannot record the sink commit of epoch " + epoch
          + " in the checkpoint location " + location + ": " + e + ". Check that the location is writable and"
          + " has space.", e);
    }
  }

  /** Whether {@link #markSinksCommitted} recorded epoch {@code epoch} (and retention kept the record). */
  public boolean sinksCommitted(long epoch) {
    return Files.exists(layout.sinksFile(epoch));
  }

  /**
   * Starts a replay of the latest complete epoch {@code epoch}, whose sinks did not commit it: stores its metadata
   * as the replay file, then removes the epoch (commit file, offsets, state files), so that epoch {@code epoch - 1}
   * (or nothing, for epoch 0) is the latest complete one and {@code epoch} can be written again. Returns the
   * replayed epoch's metadata, whose source offsets the replay reads up to.
   *
   * @throws IllegalStateException when {@code epoch} is not the latest complete epoch, the epoch before it is not
   *     kept, or this instance was opened for reading
   * @throws EmberRuntimeException {@code CHECKPOINT_WRITE_FAILED} when the file system refuses a write
   */
  public synchronized EpochMetadata beginReplay(long epoch) {
    if (!writable || epoch != latestWritten || (epoch > 0 && !Files.exists(layout.commitFile(epoch - 1)))) {
      throw new IllegalStateException("Cannot replay epoch " + epoch + " of " + location + ": "
          + (!writable ? "opened for reading" : epoch != latestWritten ? "the latest complete epoch is " + latestWritten
              : "epoch " + (epoch - 1) + " is not kept"));
    }
    try {
      byte[] offsets = files.read(layout.offsetsFile(epoch));
      EpochMetadata metadata = EpochMetadata.decode(offsets);
      files.writeAtomically(layout.replayFile(epoch), offsets);
      files.deleteDurably(layout.commitFile(epoch)); // before any file of the epoch goes
      latestWritten = epoch - 1;
      retention.removeLeftovers(latestWritten);
      return metadata;
    } catch (IOException e) {
      throw new EmberRuntimeException("CHECKPOINT_WRITE_FAILED", "Cannot start the replay of epoch " + epoch
          + " in the checkpoint location " + location + ": " + e + ". Check that the location is writable.", e);
    }
  }

  /** The metadata of the epoch after the latest complete one when {@link #beginReplay} started its replay. */
  public Optional<EpochMetadata> pendingReplay() {
    long next = latestCompleteEpoch().orElse(-1) + 1;
    Path file = layout.replayFile(next);
    try {
      return Optional.of(EpochMetadata.decode(files.read(file)));
    } catch (NoSuchFileException none) {
      return Optional.empty();
    } catch (IOException e) {
      throw unreadable(location, e);
    }
  }

  /**
   * Reads complete epoch {@code epoch} back, checking every snapshot against the sizes and checksums its metadata
   * lists.
   *
   * @throws CheckpointEpochNotFoundException when the epoch is not (or no longer) complete here
   * @throws CheckpointCorruptException when a file of the committed epoch is missing or damaged
   */
  public CheckpointedEpoch read(long epoch) {
    try {
      byte[] commit = readEpochFile(layout.commitFile(epoch), epoch).toByteArray();
      checkCommit(commit, epoch);
      EpochMetadata metadata = EpochMetadata.decode(readEpochFile(layout.offsetsFile(epoch), epoch).toByteArray());
      if (metadata.epoch() != epoch || !metadata.queryId().equals(queryId)) {
        throw new CheckpointCorruptException("The file " + layout.offsetsFile(epoch) + " holds epoch " + metadata.epoch()
            + " of query " + metadata.queryId() + ", not epoch " + epoch + " of query " + queryId + ".");
      }
      Map<TaskStateKey, TaskSnapshot> snapshots = new TreeMap<>();
      for (EpochMetadata.TaskEntry t : metadata.tasks()) {
        Path delta = layout.deltaFile(t.key(), epoch);
        Path file = Files.exists(delta) ? delta : layout.stateFile(t.key(), epoch);
        ChunkedBytes bytes = readEpochFile(file, epoch);
        if (!t.matches(bytes)) {
          throw new CheckpointCorruptException("The state file " + file + " does not match the size and checksum"
              + " epoch " + epoch + " lists for it (" + bytes.length() + " bytes, listed " + t.sizeBytes() + ").");
        }
        TaskSnapshot listed = TaskSnapshot.decode(bytes);
        snapshots.put(t.key(), listed.isDelta() ? chainReader.materialize(listed) : listed);
      }
      return CheckpointedEpoch.of(metadata, snapshots);
    } catch (IOException e) {
      throw unreadable(location, e);
    }
  }

  /**
   * The latest complete epoch, read; empty when none committed. Retries when retention removes the epoch while
   * it is being read (a newer one then exists).
   */
  public Optional<CheckpointedEpoch> readLatest() {
    while (true) {
      OptionalLong latest = latestCompleteEpoch();
      if (latest.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(read(latest.getAsLong()));
      } catch (CheckpointEpochNotFoundException removed) {
        if (latestCompleteEpoch().equals(latest)) {
          throw removed;
        }
      }
    }
  }

  /** Reads a file of epoch {@code epoch}; a missing file means the epoch is gone unless it is still committed. */
  private ChunkedBytes readEpochFile(Path file, long epoch) throws IOException {
    try {
      return files.readChunked(file);
    } catch (NoSuchFileException missing) {
      if (Files.exists(layout.commitFile(epoch))) {
        throw new CheckpointCorruptException("The file " + file + " of committed epoch " + epoch + " is missing;"
            + " the checkpoint location was damaged.");
      }
      OptionalLong latest = latestCompleteEpoch();
      throw new CheckpointEpochNotFoundException(location.toString(), epoch,
          latest.isPresent() && latest.getAsLong() > epoch
              ? "it was removed by retention (" + MIN_BATCHES_TO_RETAIN_KEY + "); the latest complete epoch is "
                  + latest.getAsLong()
              : "it was never committed" + (latest.isPresent() ? "; the latest complete epoch is "
                  + latest.getAsLong() : ""));
    }
  }

  private static void checkCommit(byte[] commit, long epoch) {
    String text = new String(commit, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    String version = nl < 0 ? text : text.substring(0, nl);
    if (!version.equals(COMMIT_VERSION)) {
      if (version.matches("v[0-9]+")) {
        throw new CheckpointVersionException("commit file of epoch " + epoch,
            Integer.parseInt(version.substring(1)), 1);
      }
      throw new CheckpointCorruptException("The commit file of epoch " + epoch + " does not start with "
          + COMMIT_VERSION + ".");
    }
  }

  /**
   * Waits until the compactions this writer scheduled in the background have written their files (or failed, which
   * is only logged: the chains stay readable). A query calls it before it reports itself stopped, so that nothing
   * writes into the location afterwards.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public void awaitCompactions() throws InterruptedException {
    compactor.awaitCompactions();
  }

  private static String commitText(EpochMetadata metadata) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("epoch", metadata.epoch());
    json.put("nextBatchWatermarkUs", metadata.watermarkUs());
    return COMMIT_VERSION + "\n" + Json.write(json) + "\n";
  }

  private static CheckpointCorruptException unreadable(Path dir, IOException e) {
    return new CheckpointCorruptException("The checkpoint location " + dir + " cannot be read or written: " + e
        + ". Check its permissions, or start the query with a new checkpoint location.", e);
  }

  @Override
  public String toString() {
    return "CheckpointDirectory[" + location + ", query " + queryId + "]";
  }
}
