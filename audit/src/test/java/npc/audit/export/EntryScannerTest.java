package npc.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import npc.audit.chain.Chain;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.sign.AuditPublicKey;
import npc.audit.testing.SampleExport;
import npc.core.audit.AuditKind;
import org.junit.jupiter.api.Test;

/**
 * The verifier's fast path ({@link EntryScanner}) against its reference path ({@link ExportParser} and the entry's
 * own encoding): on every line either the fast path declines it, or it reads the same chain, position, links, hash
 * and rotation the reference does; and it never accepts a line the reference refuses. Each line is also altered one
 * character at a time, near both ends and in the middle of every field's value, so that a field the fast path left out
 * of the hash shows as a hash that differs from the reference's.
 */
class EntryScannerTest {
  private static final AuditPublicKey KEY = SampleExport.signer().publicKey();
  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|\\d+|\\{[^}]*\\})");

  @Test
  void everyLineTheWriterMakesTakesTheFastPathWithTheReferenceHash() {
    for (String line : entryLines()) {
      EntryScanner fast = new EntryScanner();
      assertThat(fast.read(line.toCharArray(), 0, line.length())).as(line).isTrue();
      assertSame(fast, reference(line), line);
    }
  }

  @Test
  void aCharacterAlteredInAnyFieldGivesTheReferenceVerdictAndEveryFieldReachesTheHash() {
    Set<String> hashed = new HashSet<>();
    Set<String> present = new HashSet<>();
    for (String line : entryLines()) {
      Matcher m = FIELD.matcher(line);
      while (m.find()) {
        present.add(m.group(1));
        int from = m.start(2);
        int to = m.end(2);
        for (int i : new int[] {from, from + 1, from + 2, (from + to) / 2, to - 3, to - 2, to - 1}) {
          char altered = i >= from && i < to ? altered(line.charAt(i)) : 0;
          if (altered == 0) {
            continue;
          }
          String mutant = line.substring(0, i) + altered + line.substring(i + 1);
          Reference expected = referenceOrNull(mutant);
          EntryScanner fast = new EntryScanner();
          boolean taken = fast.read(mutant.toCharArray(), 0, mutant.length());
          if (expected == null) {
            assertThat(taken).as("the fast path accepts what the reference refuses: %s", mutant).isFalse();
          } else if (taken) {
            assertSame(fast, expected, mutant);
            if (!fast.intact() && !m.group(1).equals("hash")) {
              hashed.add(m.group(1));
            }
          }
        }
      }
    }
    present.removeAll(Set.of("type", "hash"));
    assertThat(hashed).as("fields whose alteration the fast path's hash shows").containsAll(present);
  }

  @Test
  void linesOutsideThePlainFormAreLeftToTheReference() {
    String line = entryLines().get(1);
    List<String> others = List.of(
        line.replace(",\"kind\":", ", \"kind\":"),
        line.replace("\"CUCC\"", "\"C\\u0055CC\""),
        line.replace("{\"amount\":\"120.50\",\"billingPeriod\":\"2026-10\"}",
            "{\"billingPeriod\":\"2026-10\",\"amount\":\"120.50\"}"),
        line.replace("\"actor\":\"CUCC\",", "\"actor\":null,"),
        line.replace("\"kind\":", "\"kind\":\"X\",\"kind\":"),
        line.replace("\"kind\":", "\"note\":\"x\",\"kind\":"),
        line.replace("\"position\":", "\"position\":0"),
        line + " ",
        line.substring(0, line.length() - 1));
    for (String other : others) {
      assertThat(other).isNotEqualTo(line);
      assertThat(new EntryScanner().read(other.toCharArray(), 0, other.length())).as(other).isFalse();
    }
  }

  @Test
  void fieldsInAnotherOrderAreReadAlike() {
    String line = entryLines().get(0);
    Matcher previous = Pattern.compile("\"previous\":\"[0-9a-f]{64}\",").matcher(line);
    assertThat(previous.find()).isTrue();
    String moved = line.replace(previous.group(), "").replace("\"kind\":", previous.group() + "\"kind\":");
    EntryScanner fast = new EntryScanner();

    assertThat(fast.read(moved.toCharArray(), 0, moved.length())).isTrue();
    assertSame(fast, reference(line), moved);
  }

  @Test
  void tamperedExportsHaveTheSameVerdictOnBothPaths() throws IOException {
    List<String> lines = SampleExport.lines(2, 6, 3);
    List<List<String>> exports = new ArrayList<>();
    exports.add(lines);
    for (int i = 1; i < lines.size() - 1; i++) {
      List<String> removed = new ArrayList<>(lines);
      removed.remove(i);
      exports.add(removed);
      List<String> swapped = new ArrayList<>(lines);
      swapped.set(i, lines.get(i + 1));
      swapped.set(i + 1, lines.get(i));
      exports.add(swapped);
      List<String> doubled = new ArrayList<>(lines);
      doubled.add(i, lines.get(i));
      exports.add(doubled);
      Matcher m = FIELD.matcher(lines.get(i));
      while (i % 3 == 1 && m.find()) {
        int at = m.end(2) - 2;
        char altered = altered(lines.get(i).charAt(at));
        if (altered != 0) {
          List<String> modified = new ArrayList<>(lines);
          modified.set(i, lines.get(i).substring(0, at) + altered + lines.get(i).substring(at + 1));
          exports.add(modified);
        }
      }
    }
    for (List<String> export : exports) {
      String text = String.join("\n", export) + "\n";
      assertThat(verdict(text, true)).as(text).isEqualTo(verdict(text, false));
    }
    for (int cut = 1; cut < 8; cut++) {
      String text = String.join("\n", lines).substring(0, lines.stream().mapToInt(String::length).sum() * cut / 8);
      assertThat(verdict(text, true)).as(text).isEqualTo(verdict(text, false));
    }
  }

  /** The verifier's answer, or the format error it throws, by the fast path or by the reference path alone. */
  private static String verdict(String export, boolean fast) throws IOException {
    try {
      return fast ? AuditVerifier.verify(new StringReader(export), KEY).message()
          : AuditVerifier.verify(new StringReader(export), KEY, entry -> { }).message();
    } catch (AuditFormatException e) {
      return "format error: " + e.getMessage();
    }
  }

  /** Another character of the same kind (digit, hex letter, letter), or 0 for one left alone. */
  private static char altered(char c) {
    if (c >= '0' && c <= '9') {
      return c == '9' ? '0' : (char) (c + 1);
    }
    if (c >= 'a' && c <= 'f') {
      return c == 'f' ? 'a' : (char) (c + 1);
    }
    if (c >= 'g' && c <= 'z' || c >= 'A' && c <= 'Z') {
      return c == 'z' ? 'g' : c == 'Z' ? 'A' : (char) (c + 1);
    }
    if (c > 0x7f && !Character.isSurrogate(c)) {
      return (char) (c + 1);
    }
    return 0;
  }

  /** The entries of the sample export, of the worked example of format.md, and a key rotation. */
  private static List<String> entryLines() {
    List<String> lines = new ArrayList<>();
    for (String line : SampleExport.lines(1, 6, 3)) {
      if (line.startsWith("{\"type\":\"entry\",")) {
        lines.add(line);
      }
    }
    Chain chain = new Chain("node1-7f3a");
    for (AuditRecord record : FormatExample.records()) {
      lines.add(ExportWriter.line(chain.append(record)));
    }
    AuditRecord rotation = AuditRecord.of(UUID.fromString("6a1f0c52-9e0b-4c3e-8d1e-2b7a4f5c6d04"),
        Instant.parse("2026-12-01T10:00:00.000Z"), AuditKind.KEY_ROTATED.name()).withActor("OPERATOR:ops-1")
        .withEvidence(Map.of("newKey", KEY.id().hex(), "newKeyId", Bytes32.ZERO.hex(), "oldKeyId",
            Bytes32.ZERO.hex(), "reason", "routine rotation, 季度"));
    lines.add(ExportWriter.line(chain.append(rotation)));
    return lines;
  }

  private record Reference(String chain, long position, Bytes32 previous, Bytes32 hash, boolean intact,
      String rotatedKey) {}

  private static Reference reference(String line) {
    ExportLine.Entry read = (ExportLine.Entry) ExportParser.parse(2, line);
    AuditEntry e = read.entry();
    return new Reference(e.chain(), e.position(), e.previous(), e.hash(), read.statedHash().equals(e.hash()),
        e.record().kind().equals(AuditKind.KEY_ROTATED.name()) ? e.record().evidence().get("newKey") : null);
  }

  private static Reference referenceOrNull(String line) {
    try {
      return reference(line);
    } catch (AuditFormatException e) {
      return null;
    }
  }

  private static void assertSame(EntryScanner fast, Reference expected, String line) {
    assertThat(new Reference(fast.chain(), fast.position(), fast.previous(), fast.hash(), fast.intact(),
        fast.rotatedKey())).as(line).isEqualTo(expected);
  }
}
