package npc.cassandra.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The child JVM's classpath: the jars of {@code cassandra-all} as Maven resolved them when this module was
 * built, plus this module's own code (for {@link NodeMain}, which has no other dependency).
 */
record NodeClasspath(List<Path> jars, Path jamm, Path launcherCode) {
  static final String RESOURCE = "node.classpath";

  /** Reads the classpath Maven wrote into this module's resources and checks that every jar is still there. */
  static NodeClasspath resolve() {
    String text;
    try (InputStream in = NodeClasspath.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the embedded node's classpath resource " + RESOURCE
            + " is missing: build the embedded-cassandra module with Maven");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(text, ownCodeLocation());
  }

  static NodeClasspath parse(String text, Path launcherCode) {
    List<Path> jars = new ArrayList<>();
    for (String entry : text.split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        jars.add(Path.of(entry.trim()));
      }
    }
    List<Path> missing = jars.stream().filter(p -> !Files.isRegularFile(p)).toList();
    if (jars.isEmpty() || !missing.isEmpty()) {
      throw new IllegalStateException("the embedded node's classpath names jars that are not there ("
          + (jars.isEmpty() ? "none at all" : missing.get(0) + " and " + (missing.size() - 1) + " more")
          + "): rebuild with 'mvn -pl embedded-cassandra package' to resolve them again");
    }
    Optional<Path> jamm = jars.stream()
        .filter(p -> p.getFileName().toString().startsWith("jamm-"))
        .findFirst();
    if (jamm.isEmpty()) {
      throw new IllegalStateException("the embedded node's classpath has no jamm agent jar");
    }
    return new NodeClasspath(List.copyOf(jars), jamm.get(), launcherCode);
  }

  /** The classpath string for {@code java -cp}: our launcher first, then Cassandra's jars. */
  String asArgument() {
    StringBuilder sb = new StringBuilder(launcherCode.toString());
    for (Path jar : jars) {
      sb.append(java.io.File.pathSeparatorChar).append(jar);
    }
    return sb.toString();
  }

  private static Path ownCodeLocation() {
    try {
      return Path.of(NodeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the embedded-cassandra code", e);
    }
  }
}
