package npc.core.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned CQL file, named {@code V<version>__<description>.cql}. Its statements should be idempotent
 * ({@code IF NOT EXISTS}): Cassandra has no transactional DDL, so a file that fails half way is run again from
 * its first statement once fixed.
 */
public record Migration(int version, String fileName, String cql, String checksum) {
  private static final Pattern NAME = Pattern.compile("V(\\d{1,6})__([a-z0-9_]+)\\.cql");

  static Migration of(String fileName, String cql) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException("migration file name must look like V001__what_it_does.cql: " + fileName);
    }
    return new Migration(Integer.parseInt(m.group(1)), fileName, cql, sha256(cql));
  }

  List<String> statements() {
    return CqlScript.statements(cql);
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
