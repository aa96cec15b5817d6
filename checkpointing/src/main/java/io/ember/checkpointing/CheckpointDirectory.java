package io.ember.checkpointing;

import io.ember.core.errors.EmberRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import java.util.stream.Stream;

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
 * a chain of files, as in Spark's state store. Every {@value #MIN_DELTAS_FOR_SNAPSHOT_KEY} deltas (default
 * {@link SnapshotChains#DEFAULT_MIN_DELTAS_FOR_SNAPSHOT}), or when the deltas outweigh their base, a background
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
 */
public final class CheckpointDirectory {
  /** Spark's option for how many complete epochs a checkpoint location keeps. */
  public static final String MIN_BATCHES_TO_RETAIN_KEY = "spark.sql.streaming.minBatchesToRetain";
  /** Spark's default of {@value #MIN_BATCHES_TO_RETAIN_KEY}. */
  public static final int DEFAULT_MIN_BATCHES_TO_RETAIN = 100;
  /** Spark's option for how many deltas a task's state chain holds before a full snapshot is written. */
  public static final String MIN_DELTAS_FOR_SNAPSHOT_KEY = "spark.sql.streaming.stateStore.minDeltasForSnapshot";
  /** Version of the {@code metadata} file format. */
  public static final int METADATA_VERSION = 1;
  /** Version line of the {@code commits/<epoch>} files, as in Spark's commit log. */
  static final String COMMIT_VERSION = "v1";
  static final String METADATA = "metadata";
  static final String OFFSETS = "offsets";
  static final String COMMITS = "commits";
  static final String SINKS = "sinks";
  static final String REPLAY = "replay";
  static final String STATE = "state";
  static final String SNAPSHOT_SUFFIX = ".snapshot";
  static final String DELTA_SUFFIX = ".delta";
  /** Writes the compacted snapshots of every location of the process, one at a time, off the commit threads. */
  private static final Executor SHARED_COMPACTOR = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ember-checkpoint-compaction");
    t.setDaemon(true);
    return t;
  });
  private static final System.Logger LOG = System.getLogger(CheckpointDirectory.class.getName());

  private final Path location;
  private final String queryId;
  private final QueryFingerprint fingerprint;
  private final int minBatchesToRetain;
  private final CheckpointFiles files;
  private final boolean writable;
  private final int minDeltasForSnapshot;
  private final Executor compactor;
  /** Compactions scheduled on {@link #compactor} and not finished yet; waited for by {@link #awaitCompactions}. */
  private final java.util.concurrent.atomic.AtomicInteger pendingCompactions =
      new java.util.concurrent.atomic.AtomicInteger();
  /** The latest epoch this writer committed or found committed; -1 for none. Guarded by this. */
  private long latestWritten = -1;
  /** Per task, the deltas written since its last full state on disk (unknown tasks: since this writer opened). */
  private final Map<TaskStateKey, Chain> chains = new HashMap<>();

  /** The deltas of a task's chain since its last full state, and that state's size (-1 when unknown). */
  private record Chain(int deltas, long deltaBytes, long baseBytes) {}

  private CheckpointDirectory(Path location, String queryId, QueryFingerprint fingerprint, int minBatchesToRetain,
      CheckpointFiles files, boolean writable, int minDeltasForSnapshot, Executor compactor) {
    this.location = location;
    this.queryId = queryId;
    this.fingerprint = fingerprint;
    this.minBatchesToRetain = minBatchesToRetain;
    this.files = files;
    this.writable = writable;
    this.minDeltasForSnapshot = minDeltasForSnapshot;
    this.compactor = compactor;
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
    return open(location, fingerprint, minBatchesToRetain, files, SnapshotChains.DEFAULT_MIN_DELTAS_FOR_SNAPSHOT,
        SHARED_COMPACTOR);
  }

  /** As {@link #open(Path, QueryFingerprint, int)}, compacting every {@code minDeltasForSnapshot} deltas on {@code compactor}. */
  static CheckpointDirectory open(Path location, QueryFingerprint fingerprint, int minBatchesToRetain,
      CheckpointFiles files, int minDeltasForSnapshot, Executor compactor) {
    if (minBatchesToRetain < 1) {
      throw new IllegalArgumentException(MIN_BATCHES_TO_RETAIN_KEY + " must be at least 1, got "
          + minBatchesToRetain);
    }
    if (minDeltasForSnapshot < 1) {
      throw new IllegalArgumentException(MIN_DELTAS_FOR_SNAPSHOT_KEY + " must be at least 1, got "
          + minDeltasForSnapshot);
    }
    Path dir = location.toAbsolutePath().normalize();
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new CheckpointCorruptException("The checkpoint location " + dir + " is a file, not a directory.");
      }
      Files.createDirectories(dir);
      Path metadata = dir.resolve(METADATA);
      String id;
      if (Files.exists(metadata)) {
        Stored stored = readMetadata(dir, files);
        List<String> changes = fingerprint.differences(stored.fingerprint());
        if (!changes.isEmpty()) {
          throw new CheckpointMismatchException(dir.toString(), changes);
        }
        id = stored.queryId();
      } else {
        if (hasEpochFiles(dir.resolve(COMMITS))) {
          throw new CheckpointCorruptException("The checkpoint location " + dir + " has committed epochs but no "
              + METADATA + " file; it was damaged. Start the query with a new checkpoint location.");
        }
        id = UUID.randomUUID().toString();
        files.writeAtomically(metadata, metadataJson(id, fingerprint).getBytes(StandardCharsets.UTF_8));
      }
      CheckpointDirectory d = new CheckpointDirectory(dir, id, fingerprint, minBatchesToRetain, files, true,
          minDeltasForSnapshot, compactor);
      d.latestWritten = d.latestCompleteEpoch().orElse(-1);
      d.removeLeftovers();
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
      Stored stored = readMetadata(dir, new CheckpointFiles());
      return new CheckpointDirectory(dir, stored.queryId(), stored.fingerprint(), Integer.MAX_VALUE,
          new CheckpointFiles(), false, SnapshotChains.DEFAULT_MIN_DELTAS_FOR_SNAPSHOT, SHARED_COMPACTOR);
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
      return epochsIn(location.resolve(COMMITS)).stream().mapToLong(Long::longValue).max();
    } catch (IOException e) {
      throw unreadable(location, e);
    }
  }

  /** The committed epochs still kept, oldest first. */
  public List<Long> completeEpochs() {
    try {
      List<Long> epochs = epochsIn(location.resolve(COMMITS));
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
    Map<Path, byte[]> stateFiles = encodeStateFiles(metadata, snapshots);
    try {
      for (Map.Entry<Path, byte[]> f : stateFiles.entrySet()) {
        files.writeAtomically(f.getKey(), f.getValue());
      }
      files.writeAtomically(offsetsFile(epoch), metadata.encode());
      files.writeAtomically(commitFile(epoch), commitText(metadata).getBytes(StandardCharsets.UTF_8));
      latestWritten = epoch;
      for (long e : epochsIn(location.resolve(REPLAY))) {
        if (e <= epoch) {
          files.delete(location.resolve(REPLAY).resolve(Long.toString(e))); // the replay is checkpointed
        }
      }
      deleteEpochsBefore(epoch - minBatchesToRetain + 1);
      scheduleCompactions(epoch, snapshots);
    } catch (IOException e) {
      throw new EmberRuntimeException("CHECKPOINT_WRITE_FAILED", "Cannot write epoch " + epoch
          + " to the checkpoint location " + location + ": " + e + ". Check that the location is writable and"
          + " has space.", e);
    }
  }

  private Map<Path, byte[]> encodeStateFiles(EpochMetadata metadata, Collection<TaskSnapshot> snapshots) {
    long epoch = metadata.epoch();
    Map<Path, byte[]> out = new LinkedHashMap<>();
    Map<TaskStateKey, Boolean> seen = new HashMap<>();
    for (TaskSnapshot s : snapshots) {
      EpochMetadata.TaskEntry entry = metadata.task(s.key());
      if (s.epoch() != epoch || entry == null || seen.put(s.key(), true) != null) {
        throw new IllegalArgumentException("The snapshot of " + s.key() + " at epoch " + s.epoch()
            + " is not one epoch " + epoch + "'s metadata lists (once)");
      }
      byte[] encoded = s.encode();
      if (!entry.matches(encoded)) {
        throw new IllegalArgumentException("The snapshot of " + s.key() + " differs from the one epoch " + epoch
            + "'s metadata lists (" + encoded.length + " bytes, listed " + entry.sizeBytes() + ")");
      }
      if (s.isDelta() && stateFileOf(s.key(), s.baseEpoch()) == null) {
        throw new IllegalArgumentException("The snapshot of " + s.key() + " at epoch " + epoch + " is a delta on"
            + " epoch " + s.baseEpoch() + ", whose state " + location + " does not hold");
      }
      out.put(s.isDelta() ? deltaFile(s.key(), epoch) : stateFile(s.key(), epoch), encoded);
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
      files.writeAtomically(sinksFile(epoch), (COMMIT_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new EmberRuntimeException("CHECKPOINT_WRITE_FAILED", "Cannot record the sink commit of epoch " + epoch
          + " in the checkpoint location " + location + ": " + e + ". Check that the location is writable and"
          + " has space.", e);
    }
  }

  /** Whether {@link #markSinksCommitted} recorded epoch {@code epoch} (and retention kept the record). */
  public boolean sinksCommitted(long epoch) {
    return Files.exists(sinksFile(epoch));
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
    if (!writable || epoch != latestWritten || (epoch > 0 && !Files.exists(commitFile(epoch - 1)))) {
      throw new IllegalStateException("Cannot replay epoch " + epoch + " of " + location + ": "
          + (!writable ? "opened for reading" : epoch != latestWritten ? "the latest complete epoch is " + latestWritten
              : "epoch " + (epoch - 1) + " is not kept"));
    }
    try {
      byte[] offsets = files.read(offsetsFile(epoch));
      EpochMetadata metadata = EpochMetadata.decode(offsets);
      files.writeAtomically(location.resolve(REPLAY).resolve(Long.toString(epoch)), offsets);
      files.deleteDurably(commitFile(epoch)); // before any file of the epoch goes
      latestWritten = epoch - 1;
      removeLeftovers();
      return metadata;
    } catch (IOException e) {
      throw new EmberRuntimeException("CHECKPOINT_WRITE_FAILED", "Cannot start the replay of epoch " + epoch
          + " in the checkpoint location " + location + ": " + e + ". Check that the location is writable.", e);
    }
  }

  /** The metadata of the epoch after the latest complete one when {@link #beginReplay} started its replay. */
  public Optional<EpochMetadata> pendingReplay() {
    long next = latestCompleteEpoch().orElse(-1) + 1;
    Path file = location.resolve(REPLAY).resolve(Long.toString(next));
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
      byte[] commit = readEpochFile(commitFile(epoch), epoch);
      checkCommit(commit, epoch);
      EpochMetadata metadata = EpochMetadata.decode(readEpochFile(offsetsFile(epoch), epoch));
      if (metadata.epoch() != epoch || !metadata.queryId().equals(queryId)) {
        throw new CheckpointCorruptException("The file " + offsetsFile(epoch) + " holds epoch " + metadata.epoch()
            + " of query " + metadata.queryId() + ", not epoch " + epoch + " of query " + queryId + ".");
      }
      Map<TaskStateKey, TaskSnapshot> snapshots = new TreeMap<>();
      for (EpochMetadata.TaskEntry t : metadata.tasks()) {
        Path file = Files.exists(deltaFile(t.key(), epoch)) ? deltaFile(t.key(), epoch) : stateFile(t.key(), epoch);
        byte[] bytes = readEpochFile(file, epoch);
        if (!t.matches(bytes)) {
          throw new CheckpointCorruptException("The state file " + file + " does not match the size and checksum"
              + " epoch " + epoch + " lists for it (" + bytes.length + " bytes, listed " + t.sizeBytes() + ").");
        }
        TaskSnapshot listed = TaskSnapshot.decode(bytes);
        snapshots.put(t.key(), listed.isDelta() ? materialize(listed) : listed);
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
  private byte[] readEpochFile(Path file, long epoch) throws IOException {
    try {
      return files.read(file);
    } catch (NoSuchFileException missing) {
      if (Files.exists(commitFile(epoch))) {
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

  Path offsetsFile(long epoch) {
    return location.resolve(OFFSETS).resolve(Long.toString(epoch));
  }

  Path commitFile(long epoch) {
    return location.resolve(COMMITS).resolve(Long.toString(epoch));
  }

  Path sinksFile(long epoch) {
    return location.resolve(SINKS).resolve(Long.toString(epoch));
  }

  /** The file of {@code key}'s full state at {@code epoch}: the task's full snapshot or a compacted one. */
  Path stateFile(TaskStateKey key, long epoch) {
    return taskDir(key).resolve(epoch + SNAPSHOT_SUFFIX);
  }

  /** The file of {@code key}'s delta snapshot of {@code epoch}. */
  Path deltaFile(TaskStateKey key, long epoch) {
    return taskDir(key).resolve(epoch + DELTA_SUFFIX);
  }

  private Path taskDir(TaskStateKey key) {
    return location.resolve(STATE).resolve(Integer.toString(key.vertexId())).resolve(Integer.toString(key.taskIndex()));
  }

  /** The state file of {@code key} at {@code epoch}, full one first; null when there is neither. */
  private Path stateFileOf(TaskStateKey key, long epoch) {
    Path full = stateFile(key, epoch);
    if (Files.exists(full)) {
      return full;
    }
    Path delta = deltaFile(key, epoch);
    return Files.exists(delta) ? delta : null;
  }

  /**
   * The full state {@code delta} ends a chain of: the nearest full state file down its chain (a compacted one
   * beside a delta counts) and the deltas after it, materialized.
   */
  private TaskSnapshot materialize(TaskSnapshot delta) throws IOException {
    Path compacted = stateFile(delta.key(), delta.epoch());
    if (Files.exists(compacted)) {
      return full(decodeChainFile(compacted, delta.key(), delta.epoch()), compacted);
    }
    List<TaskSnapshot> chain = new ArrayList<>();
    chain.add(delta);
    for (TaskSnapshot at = delta; at.isDelta(); ) {
      Path below = stateFileOf(at.key(), at.baseEpoch()); // a full state file first: it ends the chain
      if (below == null) {
        throw new CheckpointCorruptException("The state of " + at.key() + " at epoch " + at.epoch() + " is a delta on"
            + " epoch " + at.baseEpoch() + ", whose state file is missing from " + location + "; the checkpoint"
            + " location was damaged.");
      }
      at = decodeChainFile(below, at.key(), at.baseEpoch());
      chain.add(0, at);
    }
    return SnapshotChains.materialize(chain);
  }

  private static TaskSnapshot full(TaskSnapshot s, Path file) {
    if (s.isDelta()) {
      throw new CheckpointCorruptException("The state file " + file + " holds a delta, not a full state.");
    }
    return s;
  }

  private TaskSnapshot decodeChainFile(Path file, TaskStateKey key, long epoch) throws IOException {
    TaskSnapshot s = TaskSnapshot.decode(files.read(file));
    if (!s.key().equals(key) || s.epoch() != epoch) {
      throw new CheckpointCorruptException("The state file " + file + " holds the state of " + s.key() + " at epoch "
          + s.epoch() + ", not of " + key + " at epoch " + epoch + ".");
    }
    return s;
  }

  /** After epoch {@code epoch} committed: counts each task's deltas and compacts a chain that grew too long. */
  private void scheduleCompactions(long epoch, Collection<TaskSnapshot> snapshots) {
    for (TaskSnapshot s : snapshots) {
      long size = s.stateBytes();
      if (!s.isDelta()) {
        chains.put(s.key(), new Chain(0, 0, size));
        continue;
      }
      Chain c = chains.getOrDefault(s.key(), new Chain(0, 0, -1));
      Chain grown = new Chain(c.deltas() + 1, c.deltaBytes() + size, c.baseBytes());
      if (grown.deltas() >= minDeltasForSnapshot || (grown.baseBytes() >= 0 && grown.deltaBytes() > grown.baseBytes())) {
        TaskStateKey key = s.key();
        pendingCompactions.incrementAndGet();
        try {
          compactor.execute(() -> {
            try {
              compact(key, epoch);
            } finally {
              compactionDone();
            }
          });
        } catch (RuntimeException rejected) {
          compactionDone();
          throw rejected;
        }
        chains.put(key, new Chain(0, 0, grown.baseBytes() < 0 ? -1 : grown.baseBytes() + grown.deltaBytes()));
      } else {
        chains.put(s.key(), grown);
      }
    }
  }

  private void compactionDone() {
    if (pendingCompactions.decrementAndGet() == 0) {
      synchronized (pendingCompactions) {
        pendingCompactions.notifyAll();
      }
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
    synchronized (pendingCompactions) {
      while (pendingCompactions.get() > 0) {
        pendingCompactions.wait();
      }
    }
  }

  /** In the background: writes the materialized state of {@code key}'s delta of {@code epoch} as its full state file. */
  private void compact(TaskStateKey key, long epoch) {
    try {
      Path delta = deltaFile(key, epoch);
      if (!Files.exists(delta) || Files.exists(stateFile(key, epoch))) {
        return; // removed by retention meanwhile, or compacted already
      }
      TaskSnapshot full = materialize(TaskSnapshot.decode(files.read(delta)));
      files.writeAtomically(stateFile(key, epoch), full.encode());
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot compact the state of " + key + " at epoch " + epoch + " in "
          + location + "; its chain of deltas is kept", e);
    }
  }

  private static String commitText(EpochMetadata metadata) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("epoch", metadata.epoch());
    json.put("nextBatchWatermarkUs", metadata.watermarkUs());
    return COMMIT_VERSION + "\n" + Json.write(json) + "\n";
  }

  /** Deletes every epoch older than {@code oldestKept}: commit files first, then offsets, then state. */
  private void deleteEpochsBefore(long oldestKept) throws IOException {
    if (oldestKept <= 0) {
      return;
    }
    for (Path dir : List.of(location.resolve(COMMITS), location.resolve(SINKS), location.resolve(OFFSETS))) {
      for (long e : epochsIn(dir)) {
        if (e < oldestKept) {
          files.delete(dir.resolve(Long.toString(e)));
        }
      }
    }
    Map<Path, List<Path>> byTask = new HashMap<>();
    for (Path file : stateFiles()) {
      if (stateEpoch(file) >= 0) {
        byTask.computeIfAbsent(file.getParent(), d -> new ArrayList<>()).add(file);
      }
    }
    for (List<Path> taskFiles : byTask.values()) {
      long anchor = chainAnchor(taskFiles, oldestKept);
      for (Path file : taskFiles) {
        if (stateEpoch(file) < anchor) {
          files.delete(file);
        }
      }
    }
  }

  /**
   * The oldest epoch of a task's state files that a kept epoch's chain needs: the newest full state at or below
   * the task's oldest kept epoch ({@code oldestKept} or later). Files below it can go.
   */
  private static long chainAnchor(List<Path> taskFiles, long oldestKept) {
    long oldestKeptOfTask = Long.MAX_VALUE;
    for (Path f : taskFiles) {
      long e = stateEpoch(f);
      if (e >= oldestKept) {
        oldestKeptOfTask = Math.min(oldestKeptOfTask, e);
      }
    }
    if (oldestKeptOfTask == Long.MAX_VALUE) {
      return oldestKept; // the task has no kept epoch
    }
    long anchor = -1;
    for (Path f : taskFiles) {
      long e = stateEpoch(f);
      if (f.getFileName().toString().endsWith(SNAPSHOT_SUFFIX) && e <= oldestKeptOfTask) {
        anchor = Math.max(anchor, e);
      }
    }
    return anchor < 0 ? 0 : anchor;
  }

  /**
   * Deletes temporary files and the files of epochs newer than the latest committed one, but for the replay file of
   * the epoch after it (a replay in progress).
   */
  private void removeLeftovers() throws IOException {
    List<Path> all = new ArrayList<>();
    for (Path dir : List.of(location, location.resolve(COMMITS), location.resolve(SINKS), location.resolve(OFFSETS),
        location.resolve(REPLAY))) {
      all.addAll(list(dir));
    }
    all.addAll(stateFiles());
    for (Path p : all) {
      if (CheckpointFiles.isTemporary(p)) {
        files.delete(p);
      }
    }
    for (long e : epochsIn(location.resolve(OFFSETS))) {
      if (e > latestWritten) {
        files.delete(offsetsFile(e));
      }
    }
    for (long e : epochsIn(location.resolve(SINKS))) {
      if (e > latestWritten) {
        files.delete(sinksFile(e));
      }
    }
    for (long e : epochsIn(location.resolve(REPLAY))) {
      if (e != latestWritten + 1) {
        files.delete(location.resolve(REPLAY).resolve(Long.toString(e)));
      }
    }
    for (Path file : stateFiles()) {
      if (stateEpoch(file) > latestWritten) {
        files.delete(file);
      }
    }
  }

  /** The epoch of a state file's name, or -1 when the name is not one of an epoch's snapshot or delta. */
  private static long stateEpoch(Path file) {
    String name = file.getFileName().toString();
    if (CheckpointFiles.isTemporary(file)) {
      return -1;
    }
    for (String suffix : List.of(SNAPSHOT_SUFFIX, DELTA_SUFFIX)) {
      if (name.endsWith(suffix)) {
        return parseEpoch(name.substring(0, name.length() - suffix.length()));
      }
    }
    return -1;
  }

  private List<Path> stateFiles() throws IOException {
    Path state = location.resolve(STATE);
    if (!Files.isDirectory(state)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(state, 3)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        return List.of(); // removed while listing
      }
      throw e.getCause();
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  /** The epochs named by the (non-temporary) files of {@code dir}, in no order. */
  private static List<Long> epochsIn(Path dir) throws IOException {
    List<Long> out = new ArrayList<>();
    for (Path p : list(dir)) {
      long e = parseEpoch(p.getFileName().toString());
      if (e >= 0) {
        out.add(e);
      }
    }
    return out;
  }

  private static boolean hasEpochFiles(Path dir) throws IOException {
    return !epochsIn(dir).isEmpty();
  }

  private static long parseEpoch(String name) {
    if (name.isEmpty() || name.length() > 18) {
      return -1;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return -1;
      }
    }
    return Long.parseLong(name);
  }

  /** The content of the metadata file. */
  private record Stored(String queryId, QueryFingerprint fingerprint) {}

  private static String metadataJson(String id, QueryFingerprint fingerprint) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("formatVersion", METADATA_VERSION);
    json.put("fingerprintHash", fingerprint.hash());
    json.put("fingerprint", fingerprint.parts());
    return Json.write(json) + "\n";
  }

  private static Stored readMetadata(Path dir, CheckpointFiles files) throws IOException {
    Path file = dir.resolve(METADATA);
    byte[] bytes;
    try {
      bytes = files.read(file);
    } catch (NoSuchFileException e) {
      throw new CheckpointCorruptException("The checkpoint location " + dir + " has no " + METADATA + " file.");
    }
    Map<String, Object> json;
    try {
      json = Json.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new CheckpointCorruptException("The checkpoint metadata file " + file + " is not valid JSON ("
          + e.getMessage() + "); start the query with a new checkpoint location.", e);
    }
    Object version = json.get("formatVersion");
    if (!(version instanceof Long v)) {
      throw new CheckpointCorruptException("The checkpoint metadata file " + file + " has no formatVersion.");
    }
    if (v != METADATA_VERSION) {
      throw new CheckpointVersionException("checkpoint metadata file " + file, (int) (long) v, METADATA_VERSION);
    }
    if (!(json.get("id") instanceof String id) || id.isEmpty()
        || !(json.get("fingerprint") instanceof Map<?, ?> parts)) {
      throw new CheckpointCorruptException("The checkpoint metadata file " + file
          + " lacks the query id or the query fingerprint.");
    }
    Map<String, String> named = new TreeMap<>();
    for (Map.Entry<?, ?> e : parts.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new CheckpointCorruptException("The checkpoint metadata file " + file + " has a fingerprint part "
            + e.getKey() + " that is not a string.");
      }
      named.put((String) e.getKey(), s);
    }
    QueryFingerprint stored = QueryFingerprint.of(named);
    if (!stored.hash().equals(json.get("fingerprintHash"))) {
      throw new CheckpointCorruptException("The checkpoint metadata file " + file + " was edited: its fingerprint"
          + " does not match its fingerprintHash.");
    }
    return new Stored(id, stored);
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
