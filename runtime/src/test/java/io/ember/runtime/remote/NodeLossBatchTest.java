package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.memory.CollectSink;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.runtime.JobResult;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.local.TaskPlacement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A batch job whose node is lost fails at once with {@code NODE_LOST} naming the node, instead of running on
 * without the node's tasks or waiting for them.
 */
@Timeout(120)
class NodeLossBatchTest {
  @Test
  void aBatchJobFailsWithNodeLostNamingTheNode() throws Exception {
    try (TwoNodes nodes = new TwoNodes()) {
      // far more rows than the test waits for: the job is still running when the worker is downed
      JobGraph graph = Plans.aggregate(1_000_000_000_000L, 101, 2, 2, new CollectSink());
      Set<Integer> redeployAsked = java.util.concurrent.ConcurrentHashMap.newKeySet();
      ShellPlacement placement = RemoteJobs.reserve(nodes.driver, "lost", graph,
              RemoteJobs.roundRobin(List.of(nodes.workerHost, nodes.driverHost)),
              TaskPlacement.local(new AtomicInteger()), nodes.driverHost, RemoteBatchJobTest.TIMEOUT)
          .toCompletableFuture().get(30, TimeUnit.SECONDS)
          .watchNodes(new ShellPlacement.Redeployer() {
            @Override
            public CompletionStage<Map<Integer, ActorRef<io.ember.runtime.local.TaskActor.Command>>> reserve(
                Set<Integer> taskIds, Set<Address> lost) {
              redeployAsked.addAll(taskIds);
              return CompletableFuture.completedFuture(Map.of());
            }
          });
      CompletableFuture<JobResult> result = RemoteJobs.run(nodes.driver, "lost", graph,
          RemoteBatchJobTest.config(500), placement);
      awaitTasks(nodes);

      Address worker = Cluster.get(nodes.worker).selfMember().address();
      Cluster.get(nodes.driver).manager().tell(new Down(worker));

      CompletionException e = assertThrows(CompletionException.class,
          () -> result.orTimeout(60, TimeUnit.SECONDS).join());
      EmberRuntimeException error = assertInstanceOf(EmberRuntimeException.class, e.getCause());
      assertEquals("NODE_LOST", error.errorClass());
      assertTrue(error.getMessage().contains(worker.toString()), error.getMessage());
      assertTrue(redeployAsked.isEmpty(), "a batch job does not redeploy: " + redeployAsked);
    }
  }

  /** Waits until the worker runs tasks of the job. */
  private static void awaitTasks(TwoNodes nodes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (AskPattern.<TaskHost.Command, TaskHost.TaskCount>ask(nodes.workerHost, TaskHost.RunningTasks::new,
        TwoNodes.JOIN_TIMEOUT, nodes.driver.scheduler()).toCompletableFuture().join().running() == 0) {
      assertTrue(System.nanoTime() < deadline, "the job's tasks never started on the worker");
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
