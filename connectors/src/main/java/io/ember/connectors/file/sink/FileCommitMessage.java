package io.ember.connectors.file.sink;

import io.ember.connectors.sink.CommitMessage;
import java.util.List;

/**
 * The part files one sink task staged for an epoch, as paths relative to the epoch's staging directory
 * (and to the output directory once committed), e.g. {@code region=EU/part-00001-<uuid>.csv}.
 */
public record FileCommitMessage(long epoch, int taskIndex, List<String> files) implements CommitMessage {
  public FileCommitMessage {
    files = List.copyOf(files);
  }
}
