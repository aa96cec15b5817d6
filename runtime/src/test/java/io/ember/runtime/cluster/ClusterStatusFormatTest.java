package io.ember.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStatusFormatTest {
  private static final StatusReply.ClusterStatus STATUS = new StatusReply.ClusterStatus(
      "pekko://ember@10.0.0.5:7355", "pekko://ember@10.0.0.5:7355", List.of(
          new MemberView("pekko://ember@10.0.0.5:7355", "Up", true, List.of("node"),
              new NodeInfo("pekko://ember@10.0.0.5:7355", 4242, 8, 4L << 30, 3, 1536)),
          new MemberView("pekko://ember@10.0.0.6:7355", "Up", false, List.of("node"), null)));

  @Test
  void tableAlignsColumnsAndMarksUnknownFigures() {
    assertEquals(String.join("\n",
        "ADDRESS        STATUS            PID   CORES  MEMORY   TASKS  REPLICA MEM",
        "10.0.0.5:7355  Up                4242  8      4.0 GiB  3      1.5 KiB",
        "10.0.0.6:7355  Up (unreachable)  ?     ?      ?        ?      ?",
        "2 members, 2 up; leader 10.0.0.5:7355"),
        ClusterStatusFormat.table(STATUS));
  }

  @Test
  void jsonHasEveryFieldAndNullsForUnknownFigures() {
    assertEquals("{\"answeredBy\":\"pekko://ember@10.0.0.5:7355\",\"leader\":\"pekko://ember@10.0.0.5:7355\","
        + "\"members\":[{\"address\":\"pekko://ember@10.0.0.5:7355\",\"hostPort\":\"10.0.0.5:7355\",\"status\":\"Up\","
        + "\"reachable\":true,\"roles\":[\"node\"],\"pid\":4242,\"cores\":8,\"memoryBytes\":4294967296,"
        + "\"runningTasks\":3,\"replicaMemoryBytes\":1536},{\"address\":\"pekko://ember@10.0.0.6:7355\","
        + "\"hostPort\":\"10.0.0.6:7355\",\"status\":\"Up\",\"reachable\":false,\"roles\":[\"node\"],\"pid\":null,"
        + "\"cores\":null,\"memoryBytes\":null,\"runningTasks\":null,\"replicaMemoryBytes\":null}]}",
        ClusterStatusFormat.json(STATUS));
  }
}
