package npc.cassandra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which JDK runs the node, and whether Cassandra 5.0 can run on it. */
final class JavaRuntimes {
  /** Cassandra 5.0 supports Java 11 and 17 (its own conf/jvm11-server.options and jvm17-server.options). */
  static final Set<Integer> SUPPORTED = Set.of(11, 17);

  private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"([0-9]+)(?:\\.([0-9]+))?");

  private JavaRuntimes() {}

  static Path javaExecutable(Path javaHome) {
    // Absolute: the node runs in its own directory, where a relative path would name another file.
    return javaHome.toAbsolutePath().resolve("bin").resolve("java");
  }

  /**
   * The major version of the JDK at {@code javaHome}, read from its {@code release} file (the running JVM's
   * own version when that file is absent and the home is ours).
   */
  static Optional<Integer> majorVersion(Path javaHome) {
    Path release = javaHome.resolve("release");
    if (Files.isRegularFile(release)) {
      try {
        for (String line : Files.readAllLines(release)) {
          Matcher m = RELEASE_VERSION.matcher(line);
          if (m.find()) {
            int first = Integer.parseInt(m.group(1));
            // Java 8 and older spelled it "1.8.0".
            return Optional.of(first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first);
          }
        }
      } catch (IOException | NumberFormatException e) {
        return Optional.empty();
      }
    }
    if (javaHome.toAbsolutePath().normalize().equals(Path.of(System.getProperty("java.home")).toAbsolutePath()
        .normalize())) {
      return Optional.of(Runtime.version().feature());
    }
    return Optional.empty();
  }

  /** Throws a clear error unless {@code javaHome} is a JDK that can run Cassandra 5.0. */
  static void requireSupported(Path javaHome, Path logFile) {
    if (!Files.isExecutable(javaExecutable(javaHome))) {
      throw new NodeStartException("no java executable at " + javaExecutable(javaHome)
          + "; set the node's java home to a JDK 11 or 17", logFile);
    }
    Optional<Integer> major = majorVersion(javaHome);
    if (major.isEmpty()) {
      throw new NodeStartException("cannot tell the Java version of " + javaHome
          + " (no release file); set the node's java home to a JDK 11 or 17", logFile);
    }
    if (!SUPPORTED.contains(major.get())) {
      throw new NodeStartException("Cassandra 5.0 runs on Java 11 or 17, but " + javaHome + " is Java "
          + major.get() + "; set the node's java home to a JDK 11 or 17", logFile);
    }
  }
}
