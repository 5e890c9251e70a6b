package com.furnishcare.intake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.config.BuiltInDefaults;
import com.furnishcare.intake.config.DataSourceResolver;
import com.furnishcare.intake.support.RedisCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --check} against a real Redis Cluster, named by its node list or by one node. */
class CheckCommandClusterTest {

  @TempDir Path workingDir;

  private CommandResult check(Map<String, String> env) {
    return new CheckCommand(env, new DataSourceResolver(workingDir, BuiltInDefaults::root), Duration.ofSeconds(10))
        .run();
  }

  @Test
  void aClusterAnswersByItsNodeListAndByOneNode() throws Exception {
    RedisCluster cluster = RedisCluster.shared();
    CommandResult byNodes = check(Map.of("REDIS_CLUSTER_NODES", cluster.nodesUrl()));
    assertEquals(ExitCodes.OK, byNodes.exitCode(), byNodes.output());
    assertTrue(byNodes.output().contains("Redis (REDIS_CLUSTER_NODES)") && byNodes.output().contains("(Redis Cluster)"),
        byNodes.output());
    CommandResult byOne = check(Map.of("REDIS_URL", cluster.anyNodeUrl()));
    assertEquals(ExitCodes.OK, byOne.exitCode(), byOne.output());
    assertTrue(byOne.output().contains("Redis (REDIS_URL)") && byOne.output().contains("(Redis Cluster)"),
        byOne.output());
  }
}
