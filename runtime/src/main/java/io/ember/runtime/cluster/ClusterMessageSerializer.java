package io.ember.runtime.cluster;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serializer of this package's {@link ClusterMessage}s: each written field by field with Kryo's
 * {@link Output}/{@link Input} (variable-length integers, UTF-8 strings), an {@link #VERSION} byte first, and
 * actor references as Pekko's serialization format of {@link ActorRefResolver}. The manifest names the type.
 * A payload of an unknown version or manifest fails with {@link NotSerializableException} (Pekko drops the
 * message and logs it) rather than being misread.
 */
public final class ClusterMessageSerializer extends SerializerWithStringManifest {
  /** Pekko's identifier of this serializer; unique among the serializers of an actor system. */
  public static final int IDENTIFIER = 731_006;
  /** The layout version written first in every payload. */
  static final byte VERSION = 1;

  private static final String NODE_INFO = "NodeInfo";
  private static final String GET_NODE_INFO = "GetNodeInfo";
  private static final String GET_CLUSTER_STATUS = "GetClusterStatus";
  private static final String CLUSTER_STATUS = "ClusterStatus";
  private static final String REFUSED = "Refused";
  private static final String PROVE = "Prove";
  private static final String PROOF = "Proof";
  private static final String GET_DOWN_SETTINGS = "GetDownSettings";
  private static final String DOWN_SETTINGS = "DownSettings";

  private final ExtendedActorSystem system;
  private volatile ActorRefResolver resolver;

  /** Called by Pekko's serialization extension. */
  public ClusterMessageSerializer(ExtendedActorSystem system) {
    this.system = system;
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof NodeInfo) {
      return NODE_INFO;
    } else if (o instanceof NodeAgent.GetNodeInfo) {
      return GET_NODE_INFO;
    } else if (o instanceof NodeAgent.GetClusterStatus) {
      return GET_CLUSTER_STATUS;
    } else if (o instanceof StatusReply.ClusterStatus) {
      return CLUSTER_STATUS;
    } else if (o instanceof StatusReply.Refused) {
      return REFUSED;
    } else if (o instanceof NodeAgent.Prove) {
      return PROVE;
    } else if (o instanceof NodeAgent.Proof) {
      return PROOF;
    } else if (o instanceof NodeAgent.GetDownSettings) {
      return GET_DOWN_SETTINGS;
    } else if (o instanceof NodeAgent.DownSettings) {
      return DOWN_SETTINGS;
    }
    throw new IllegalArgumentException("no serialization of " + o.getClass().getName() + " in " + getClass().getName());
  }

  @Override
  public byte[] toBinary(Object o) {
    Output out = new Output(256, -1);
    out.writeByte(VERSION);
    if (o instanceof NodeInfo info) {
      writeInfo(out, info);
    } else if (o instanceof NodeAgent.GetNodeInfo get) {
      writeRef(out, get.replyTo());
    } else if (o instanceof NodeAgent.GetClusterStatus get) {
      out.writeString(get.secretDigest());
      writeRef(out, get.replyTo());
    } else if (o instanceof StatusReply.ClusterStatus status) {
      writeStatus(out, status);
    } else if (o instanceof StatusReply.Refused refused) {
      out.writeString(refused.reason());
    } else if (o instanceof NodeAgent.Prove prove) {
      out.writeString(prove.nonce());
      writeRef(out, prove.replyTo());
    } else if (o instanceof NodeAgent.Proof proof) {
      out.writeString(proof.address());
      out.writeString(proof.nonce());
      out.writeString(proof.mac());
    } else if (o instanceof NodeAgent.GetDownSettings get) {
      out.writeString(get.secretDigest());
      writeRef(out, get.replyTo());
    } else if (o instanceof NodeAgent.DownSettings settings) {
      out.writeString(settings.config());
      out.writeString(settings.refusal());
    } else {
      throw new IllegalArgumentException("no serialization of " + o.getClass().getName() + " in "
          + getClass().getName());
    }
    return out.toBytes();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    try {
      Input in = new Input(bytes);
      byte version = in.readByte();
      if (version != VERSION) {
        throw new NotSerializableException("cluster message " + manifest + " of layout version " + version
            + "; this node reads version " + VERSION + " (are all nodes on the same Ember version?)");
      }
      return switch (manifest) {
        case NODE_INFO -> readInfo(in);
        case GET_NODE_INFO -> new NodeAgent.GetNodeInfo(readRef(in));
        case GET_CLUSTER_STATUS -> new NodeAgent.GetClusterStatus(in.readString(), readRef(in));
        case CLUSTER_STATUS -> readStatus(in);
        case REFUSED -> new StatusReply.Refused(in.readString());
        case PROVE -> new NodeAgent.Prove(in.readString(), readRef(in));
        case PROOF -> new NodeAgent.Proof(in.readString(), in.readString(), in.readString());
        case GET_DOWN_SETTINGS -> new NodeAgent.GetDownSettings(in.readString(), readRef(in));
        case DOWN_SETTINGS -> new NodeAgent.DownSettings(in.readString(), in.readString());
        default -> throw new NotSerializableException("unknown cluster message manifest '" + manifest
            + "' (are all nodes on the same Ember version?)");
      };
    } catch (KryoException e) {
      throw new NotSerializableException("truncated or corrupt cluster message " + manifest + ": " + e.getMessage());
    }
  }

  private static void writeInfo(Output out, NodeInfo info) {
    out.writeString(info.address());
    out.writeVarLong(info.pid(), true);
    out.writeVarInt(info.cores(), true);
    out.writeVarLong(info.memoryBytes(), true);
    out.writeVarInt(info.runningTasks(), true);
    out.writeVarLong(info.replicaMemoryBytes(), true);
  }

  private static NodeInfo readInfo(Input in) {
    return new NodeInfo(in.readString(), in.readVarLong(true), in.readVarInt(true), in.readVarLong(true),
        in.readVarInt(true), in.readVarLong(true));
  }

  private static void writeStatus(Output out, StatusReply.ClusterStatus status) {
    out.writeString(status.answeredBy());
    out.writeString(status.leader());
    out.writeVarInt(status.members().size(), true);
    for (MemberView m : status.members()) {
      out.writeString(m.address());
      out.writeString(m.status());
      out.writeBoolean(m.reachable());
      out.writeVarInt(m.roles().size(), true);
      for (String role : m.roles()) {
        out.writeString(role);
      }
      out.writeBoolean(m.info() != null);
      if (m.info() != null) {
        writeInfo(out, m.info());
      }
    }
  }

  private static StatusReply.ClusterStatus readStatus(Input in) {
    String answeredBy = in.readString();
    String leader = in.readString();
    int n = in.readVarInt(true);
    List<MemberView> members = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String address = in.readString();
      String status = in.readString();
      boolean reachable = in.readBoolean();
      int roleCount = in.readVarInt(true);
      List<String> roles = new ArrayList<>(roleCount);
      for (int r = 0; r < roleCount; r++) {
        roles.add(in.readString());
      }
      NodeInfo info = in.readBoolean() ? readInfo(in) : null;
      members.add(new MemberView(address, status, reachable, roles, info));
    }
    return new StatusReply.ClusterStatus(answeredBy, leader, members);
  }

  private void writeRef(Output out, ActorRef<?> ref) {
    out.writeString(resolver().toSerializationFormat(ref));
  }

  private <T> ActorRef<T> readRef(Input in) {
    return resolver().resolveActorRef(in.readString());
  }

  private ActorRefResolver resolver() {
    ActorRefResolver r = resolver;
    if (r == null) {
      r = ActorRefResolver.get(Adapter.toTyped(system));
      resolver = r;
    }
    return r;
  }
}
