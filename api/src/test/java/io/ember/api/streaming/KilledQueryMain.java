package io.ember.api.streaming;

import io.ember.api.Session;
import java.nio.file.Path;

/**
 * The child process of {@link CheckpointLocationTest}'s kill test: runs {@link CheckpointLocationTest#start} on the
 * directories its arguments name ({@code <input> <output> <checkpoint>}) until the process is killed.
 */
final class KilledQueryMain {
  private KilledQueryMain() {}

  public static void main(String[] args) throws Exception {
    StreamingSessionTest.session = Session.builder().master("local[2]").getOrCreate();
    StreamingQuery q = CheckpointLocationTest.start(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    System.out.println("started " + q.id());
    while (true) {
      q.processAllAvailable();
      Thread.sleep(20);
    }
  }
}
