package npc.ops.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import npc.ops.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first start's tokens, one {@link Role#OPERATOR} and one {@link Role#REGULATOR}, in {@code operator.token} and
 * {@code regulator.token} of a directory only the owner can read: what a developer and {@code ./npc tokens} use
 * before anyone has created a token. Like the development PKI, a later start reuses the files; a file whose token
 * the database does not know (a fresh keyspace) has its hash stored again, so the two never disagree. A token that
 * was revoked stays revoked.
 */
@Context
@Singleton
@Requires(property = "npc.tokens.development", notEquals = "false")
public final class DevelopmentTokens {
  static final String CREATED_BY = "development";
  private static final Logger LOG = LoggerFactory.getLogger(DevelopmentTokens.class);

  private final Map<Role, TokenSecret> tokens;

  /** Written when the service starts (a context bean), so the files exist once it says it is ready. */
  DevelopmentTokens(TokenStore store, TokenConfiguration configuration) {
    this.tokens = ensure(Path.of(configuration.getDevelopmentDir()), store);
  }

  /** The development token of {@code role} (OPERATOR or REGULATOR). */
  public TokenSecret token(Role role) {
    return tokens.get(role);
  }

  /** The file that holds the development token of {@code role} in {@code directory}. */
  public static Path file(Path directory, Role role) {
    return directory.resolve(role.name().toLowerCase() + ".token");
  }

  /** Writes the missing files and stores the tokens' hashes; returns the token of each role. */
  public static Map<Role, TokenSecret> ensure(Path directory, TokenStore store) {
    Map<Role, TokenSecret> tokens = new EnumMap<>(Role.class);
    boolean created = false;
    try {
      createPrivateDirectory(directory);
      for (Role role : new Role[] {Role.OPERATOR, Role.REGULATOR}) {
        Path file = file(directory, role);
        Optional<TokenSecret> existing = read(file);
        TokenSecret secret = existing.orElseGet(TokenSecret::generate);
        if (existing.isEmpty()) {
          writePrivate(file, secret.text());
          created = true;
        }
        store.register(secret, role, null, "development " + role.name().toLowerCase() + " token", CREATED_BY);
        tokens.put(role, secret);
      }
    } catch (IOException e) {
      throw new StartupException("cannot write the development tokens in " + directory + " (npc.tokens."
          + "development-dir): " + e.getMessage(), e);
    }
    if (created) {
      LOG.info("Created the development API tokens (owner-only): operator {}, regulator {}",
          file(directory, Role.OPERATOR), file(directory, Role.REGULATOR));
    }
    return tokens;
  }

  private static Optional<TokenSecret> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    return Optional.of(TokenSecret.parse(text).orElseThrow(() -> new StartupException(file
        + " does not hold an npc token (npc_<id>_<secret>); delete it and start again to have a new one")));
  }

  private static void createPrivateDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory.getParent() == null ? directory : directory.getParent());
      try {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
            "rwx------")));
      } catch (FileAlreadyExistsException raced) {
        // another instance created it first
      }
    }
  }

  private static void writePrivate(Path file, String text) throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temporary, text + "\n", StandardCharsets.US_ASCII);
      Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UncheckedIOException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
  }
}
