package io.ember.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every remote message of the package round-trips through the serializer Pekko picks for it, which is never Java's. */
class ClusterMessageSerializerTest {
  private static ActorTestKit kit;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create("ember-client", ClusterPekkoConfig.client("127.0.0.1"));
    serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void everyMessageRoundTripsThroughTheClusterSerializer() {
    TestProbe<NodeInfo> infoProbe = kit.createTestProbe();
    TestProbe<StatusReply> statusProbe = kit.createTestProbe();
    NodeInfo info = new NodeInfo("pekko://ember@10.0.0.5:7355", 4242, 8, 4L << 30, 3, 123_456_789L);
    List<Object> messages = List.of(
        info,
        new NodeAgent.GetNodeInfo(infoProbe.getRef()),
        new NodeAgent.GetClusterStatus("ab12", statusProbe.getRef()),
        new StatusReply.Refused("no"),
        new NodeAgent.Prove("00ff", kit.<NodeAgent.Proof>createTestProbe().getRef()),
        new NodeAgent.Proof("pekko://ember@10.0.0.5:7355", "00ff", "abcd"),
        new NodeAgent.GetDownSettings("ab12", kit.<NodeAgent.DownSettings>createTestProbe().getRef()),
        new NodeAgent.DownSettings("pekko.cluster.split-brain-resolver.stable-after = 7000ms", null),
        new NodeAgent.DownSettings("", "refused"),
        new StatusReply.ClusterStatus("pekko://ember@10.0.0.5:7355", null, List.of(
            new MemberView("pekko://ember@10.0.0.5:7355", "Up", true, List.of("node"), info),
            new MemberView("pekko://ember@10.0.0.6:7355", "Joining", false, List.of(), null))));
    for (Object m : messages) {
      Serializer s = serialization.findSerializerFor(m);
      assertInstanceOf(ClusterMessageSerializer.class, s, m.getClass().getName());
      byte[] bytes = serialization.serialize(m).get();
      Object back = serialization.deserialize(bytes, s.identifier(), Serializers.manifestFor(s, m)).get();
      assertEquals(m, back);
    }
  }

  @Test
  void anotherLayoutVersionIsRefusedNotMisread() {
    ClusterMessageSerializer s = (ClusterMessageSerializer) serialization.findSerializerFor(new StatusReply.Refused("x"));
    byte[] bytes = s.toBinary(new StatusReply.Refused("x"));
    assertEquals(ClusterMessageSerializer.VERSION, bytes[0]);
    byte[] future = Arrays.copyOf(bytes, bytes.length);
    future[0] = (byte) (ClusterMessageSerializer.VERSION + 1);
    NotSerializableException e = assertThrows(NotSerializableException.class, () -> s.fromBinary(future, "Refused"));
    assertTrue(e.getMessage().contains("same Ember version"), e.getMessage());
    assertThrows(NotSerializableException.class, () -> s.fromBinary(bytes, "NoSuchMessage"));
    assertThrows(NotSerializableException.class, () -> s.fromBinary(Arrays.copyOf(bytes, 2), "Refused"));
    assertArrayEquals(bytes, s.toBinary(new StatusReply.Refused("x")));
  }

  @Test
  void javaSerializationIsOff() {
    assertEquals("off", kit.system().settings().config().getString("pekko.actor.allow-java-serialization"));
    assertEquals("off", ClusterPekkoConfig.node(NodeConfig.of("127.0.0.1", 0, List.of(),
        ClusterSecret.of("a-secret-of-enough-length", "t"))).getString("pekko.actor.allow-java-serialization"));
    assertTrue(serialization.serialize(new java.util.ArrayList<>(List.of(1))).isFailure(),
        "a Java-serializable object must not be serialized at all");
  }
}
