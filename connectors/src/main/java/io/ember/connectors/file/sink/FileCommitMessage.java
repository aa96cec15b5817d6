package io.ember.connectors.file.sink;

import io.ember.connectors.sink.CommitMessage;
import java.io.Serializable;
import java.util.List;

/**
 * The part files one sink task staged for an epoch, as paths relative to the epoch's staging directory
 * (and to the output directory once committed), e.g. {@code region=EU/part-00001-<uuid>.csv}. Serializable, so a
 * streaming checkpoint keeps it and recovery commits a checkpointed epoch again.
 */
public record FileCommitMessage(long epoch, int taskIndex, List<String> files) implements CommitMessage, Serializable {
  public FileCommitMessage {
    files = List.copyOf(files);
  }
}
