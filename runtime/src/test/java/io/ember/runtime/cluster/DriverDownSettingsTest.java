package io.ember.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A driver runs its split-brain resolver and failure detector with the settings of the nodes it joins (as a node
 * answers them), unless the session's own Pekko settings name others; other settings of the node are not taken.
 */
class DriverDownSettingsTest {
  private static final String STABLE_AFTER = "pekko.cluster.split-brain-resolver.stable-after";
  private static final String PAUSE = "pekko.cluster.failure-detector.acceptable-heartbeat-pause";

  private static Config node(Duration stableAfter, String extra) {
    NodeConfig defaults = NodeConfigParser.parse(List.of("--seed", "127.0.0.1:7355", "--conf",
        "ember.cluster.split-brain.stable-after=" + stableAfter.toMillis() + "ms"), java.util.Map.of(
            ClusterSecret.ENV, "a-secret-for-this-test"));
    return ConfigFactory.parseString(extra).withFallback(ClusterPekkoConfig.node(defaults)).resolve();
  }

  @Test
  void theDriverTakesTheNodesSplitBrainAndFailureDetectorSettings() {
    Config node = node(Duration.ofSeconds(7), PAUSE + " = 9s\npekko.loglevel = DEBUG");
    Config answered = ConfigFactory.parseString(ClusterPekkoConfig.downSettings(node));
    Config driver = ClusterPekkoConfig.driver("127.0.0.1", "digest", Duration.ofSeconds(5), ConfigFactory.empty(),
        answered);
    assertEquals(Duration.ofSeconds(7), driver.getDuration(STABLE_AFTER));
    assertEquals(Duration.ofSeconds(9), driver.getDuration(PAUSE));
    assertEquals(node.getValue("pekko.cluster.split-brain-resolver.down-all-when-unstable").unwrapped(),
        driver.getValue("pekko.cluster.split-brain-resolver.down-all-when-unstable").unwrapped());
    assertEquals("ERROR", driver.getString("pekko.loglevel"), "only the down settings come from the node");
    assertFalse(answered.hasPath("pekko.loglevel"));

    Config own = ClusterPekkoConfig.driver("127.0.0.1", "digest", Duration.ofSeconds(5),
        ConfigFactory.parseString(STABLE_AFTER + " = 3s"), answered);
    assertEquals(Duration.ofSeconds(3), own.getDuration(STABLE_AFTER), "the session's own setting wins");
    Config without = ClusterPekkoConfig.driver("127.0.0.1", "digest", Duration.ofSeconds(5), ConfigFactory.empty());
    assertEquals(NodeOptions.STABLE_AFTER.defaultValue().get(), without.getDuration(STABLE_AFTER));
  }
}
