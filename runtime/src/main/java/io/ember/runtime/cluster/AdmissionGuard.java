package io.ember.runtime.cluster;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Downs any member that cannot prove it holds the cluster secret. The join check ({@link SecretCompatChecker})
 * runs only in Pekko's seed-node handshake, which a program can skip by sending Pekko's join message directly;
 * this guard closes that gap: every node challenges every other member once it is Up (a random nonce sent to
 * its {@link NodeAgent}, re-sent every {@link #RESEND} until answered) and downs it when its
 * {@link NodeAgent.Proof} is wrong or does not come within the admission timeout. Any member of an Ember
 * cluster must therefore run a {@link NodeAgent} (or answer {@link NodeAgent.Prove} at its path).
 *
 * <p>Like the join check it rests on the digest, so it adds no protection against a peer that has read the digest
 * off an unencrypted network: use Artery TLS there.
 */
final class AdmissionGuard {
  private AdmissionGuard() {}

  /** How often an unanswered challenge is sent again. */
  static final Duration RESEND = Duration.ofSeconds(2);
  private static final SecureRandom RANDOM = new SecureRandom();

  interface Command {}

  private record Up(ClusterEvent.MemberUp event) implements Command {}

  private record Removed(ClusterEvent.MemberRemoved event) implements Command {}

  private record Answered(NodeAgent.Proof proof) implements Command {}

  private record Resend() implements Command {}

  private record Expired(Address member, String nonce) implements Command {}

  /** A guard comparing proofs with {@code digest}, downing members that give none within {@code timeout}. */
  static Behavior<Command> create(String digest, Duration timeout) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.messageAdapter(ClusterEvent.MemberUp.class, Up::new),
          ClusterEvent.MemberUp.class));
      cluster.subscriptions().tell(Subscribe.create(
          ctx.messageAdapter(ClusterEvent.MemberRemoved.class, Removed::new), ClusterEvent.MemberRemoved.class));
      timers.startTimerWithFixedDelay(new Resend(), RESEND);
      return new Guard(ctx, timers, cluster, ctx.messageAdapter(NodeAgent.Proof.class, Answered::new), digest,
          timeout).behavior();
    }));
  }

  private static final class Guard {
    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final Cluster cluster;
    private final ActorRef<NodeAgent.Proof> answers;
    private final String digest;
    private final Duration timeout;
    /** Members challenged and not yet proven, with their nonce. */
    private final Map<Address, String> pending = new HashMap<>();

    Guard(ActorContext<Command> ctx, TimerScheduler<Command> timers, Cluster cluster,
        ActorRef<NodeAgent.Proof> answers, String digest, Duration timeout) {
      this.ctx = ctx;
      this.timers = timers;
      this.cluster = cluster;
      this.answers = answers;
      this.digest = digest;
      this.timeout = timeout;
    }

    Behavior<Command> behavior() {
      return Behaviors.receive(Command.class)
          .onMessage(Up.class, m -> onUp(m.event().member().address()))
          .onMessage(Removed.class, m -> {
            pending.remove(m.event().member().address());
            return Behaviors.same();
          })
          .onMessage(Answered.class, m -> onAnswer(m.proof()))
          .onMessage(Resend.class, m -> {
            pending.forEach(this::challenge);
            return Behaviors.same();
          })
          .onMessage(Expired.class, m -> {
            if (m.nonce().equals(pending.get(m.member()))) {
              down(m.member(), "it did not prove the cluster secret within " + timeout.toSeconds() + "s ("
                  + NodeOptions.ADMISSION_TIMEOUT.key() + "); it may have joined without the seed-node check");
            }
            return Behaviors.same();
          })
          .build();
    }

    private Behavior<Command> onUp(Address member) {
      if (member.equals(cluster.selfMember().address()) || pending.containsKey(member)) {
        return Behaviors.same();
      }
      byte[] bytes = new byte[16];
      RANDOM.nextBytes(bytes);
      String nonce = HexFormat.of().formatHex(bytes);
      pending.put(member, nonce);
      timers.startSingleTimer(new Expired(member, nonce), timeout);
      challenge(member, nonce);
      return Behaviors.same();
    }

    private void challenge(Address member, String nonce) {
      Adapter.toClassic(ctx.getSystem()).actorSelection(member + "/user/" + NodeAgent.NAME)
          .tell(new NodeAgent.Prove(nonce, answers), org.apache.pekko.actor.ActorRef.noSender());
    }

    private Behavior<Command> onAnswer(NodeAgent.Proof proof) {
      Address member;
      try {
        member = org.apache.pekko.actor.AddressFromURIString.parse(proof.address());
      } catch (RuntimeException e) {
        return Behaviors.same();
      }
      String nonce = pending.get(member);
      if (nonce == null || !nonce.equals(proof.nonce())) {
        return Behaviors.same(); // an answer to an older challenge, or for a member already proven or gone
      }
      if (ClusterSecret.digestsEqual(proof.mac(), ClusterSecret.proof(digest, nonce, proof.address()))) {
        pending.remove(member);
        ctx.getLog().debug("{} proved the cluster secret", member);
      } else {
        down(member, "its proof of the cluster secret is wrong: it holds another secret");
      }
      return Behaviors.same();
    }

    private void down(Address member, String why) {
      pending.remove(member);
      ctx.getLog().warn("Downing {}: {}", member, why);
      cluster.manager().tell(new Down(member));
    }
  }
}
