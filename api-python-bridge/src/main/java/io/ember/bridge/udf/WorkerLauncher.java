package io.ember.bridge.udf;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a Python worker is started: {@code <python> -m ember.worker} with {@code pythonPath} (the directory holding
 * the {@code ember} package) put first on {@code PYTHONPATH}.
 *
 * @param python the Python executable
 * @param pythonPath the directory that holds the {@code ember} package
 * @param startTimeout how long a new worker may take to send its hello frame before it is killed
 */
public record WorkerLauncher(String python, Path pythonPath, Duration startTimeout) {
  /** Where the {@code ember} package lives below EMBER_HOME. */
  public static final String PACKAGE_DIR = "api-python-bridge/python";
  /** The default {@link #startTimeout}: generous, as imports on a loaded machine can take seconds. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

  /** A launcher with {@link #DEFAULT_START_TIMEOUT}. */
  public WorkerLauncher(String python, Path pythonPath) {
    this(python, pythonPath, DEFAULT_START_TIMEOUT);
  }

  /**
   * The launcher for this JVM: Python from {@code PYSPARK_PYTHON} (as PySpark; the client's environment reaches
   * the bridge), else {@code python3}; the package from the system property {@code ember.home} (set by
   * {@code bin/ember}), else the environment's {@code EMBER_HOME}, else the first directory holding
   * {@value #PACKAGE_DIR} (or {@code python}) at or above the working directory.
   */
  public static WorkerLauncher fromEnvironment() {
    String python = System.getenv("PYSPARK_PYTHON");
    return new WorkerLauncher(python == null || python.isBlank() ? "python3" : python, locatePackage());
  }

  private static Path locatePackage() {
    String home = System.getProperty("ember.home");
    if (home == null || home.isBlank()) {
      home = System.getenv("EMBER_HOME");
    }
    if (home != null && !home.isBlank()) {
      return Path.of(home).resolve(PACKAGE_DIR);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate : List.of(dir.resolve(PACKAGE_DIR), dir.resolve("python"))) {
        if (Files.isRegularFile(candidate.resolve("ember").resolve("worker.py"))) {
          return candidate;
        }
      }
    }
    return Path.of(PACKAGE_DIR).toAbsolutePath();
  }

  /** A process builder for one worker (stdin/stdout pipes for frames, stderr piped for the pool to drain). */
  ProcessBuilder processBuilder() {
    ProcessBuilder pb = new ProcessBuilder(python, "-m", "ember.worker");
    Map<String, String> env = pb.environment();
    String existing = env.get("PYTHONPATH");
    env.put("PYTHONPATH", pythonPath + (existing == null || existing.isEmpty() ? "" : File.pathSeparator + existing));
    return pb;
  }
}
