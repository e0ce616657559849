package npc.audit.export;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;
import npc.audit.record.Bytes32;
import npc.audit.record.CanonicalEncoding;
import npc.audit.record.ChainHead;
import npc.audit.record.Checkpoint;
import npc.audit.record.ExportEnd;
import npc.audit.record.HeadsCheckpoint;
import npc.audit.sign.AuditPublicKey;

/**
 * Verifies an export with no database and no service: every entry's hash, every link, every signature, and that the
 * export holds exactly what its signed end statement says. The checks, in the order they are made and with the kind
 * each failure is named, are those of {@code format.md} ("Verifying"); the first failure found is the answer.
 *
 * <p>It keeps, per entry, only its position and hashes, so an export of millions of entries verifies in a small
 * heap. Keys: the one given is trusted, and a key introduced by a {@link AuditKind#KEY_ROTATED} entry becomes trusted
 * once a checkpoint signed by a trusted key covers that entry.
 */
public final class AuditVerifier {
  private final AuditPublicKey trusted;
  /** Who reads every entry; null when nobody does. */
  private final Consumer<AuditEntry> sink;
  private final Map<String, ChainLines> chains = new LinkedHashMap<>();
  private final List<HeadsCheckpoint> heads = new ArrayList<>();
  private ExportEnd end;
  private long entries;
  private String lastChain;
  private long lastPosition;

  private AuditVerifier(AuditPublicKey trusted, Consumer<AuditEntry> sink) {
    this.trusted = trusted;
    this.sink = sink;
  }

  public static VerifyResult verify(Path file, AuditPublicKey trusted) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return verify(in, trusted);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the export " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Verifies. Entry lines in the plain form the export's writer makes are encoded and hashed straight from their
   * characters ({@link EntryScanner}); every other line is read whole by {@link ExportParser}, the reference path.
   *
   * @throws AuditFormatException when the input is empty, is not JSON, or holds a line no export has
   */
  public static VerifyResult verify(Reader in, AuditPublicKey trusted) throws IOException {
    return new AuditVerifier(trusted, null).run(in);
  }

  /**
   * Verifies, handing every entry read to {@code sink} in file order: how the detectors read an export
   * ({@code ./npc audit findings}) with one pass and no second parser. The entries are only to be used once the
   * result is {@link VerifyResult.Ok}; a caller keeps them until then. Every line takes the reference path, since
   * every entry is wanted whole; the verdict is the same as {@link #verify(Reader, AuditPublicKey)}'s.
   */
  public static VerifyResult verify(Reader in, AuditPublicKey trusted, Consumer<AuditEntry> sink)
      throws IOException {
    return new AuditVerifier(trusted, Objects.requireNonNull(sink, "sink")).run(in);
  }

  private VerifyResult run(Reader in) throws IOException {
    read(in);
    return check();
  }

  private void read(Reader in) throws IOException {
    LineSplitter lines = new LineSplitter(in);
    // Entries nobody else reads take the fast path; the sink's readers need each entry whole.
    EntryScanner fast = sink == null ? new EntryScanner() : null;
    long number = 0;
    while (lines.next()) {
      number++;
      if (fast != null && number > 1 && fast.read(lines.chars(), lines.start(), lines.end())) {
        entry(fast.chain(), fast.position(), fast.previous(), fast.hash(), fast.intact(), fast.rotatedKey());
        continue;
      }
      ExportLine line;
      try {
        line = ExportParser.parse(number, lines.text());
      } catch (AuditFormatException e) {
        if (lines.lastWasCut() && number > 1) {
          break; // the file ends inside this line: cut short, found below as truncated
        }
        throw number == 1 ? new AuditFormatException(1, "not an npc audit export: " + e.detail(), e) : e;
      }
      if (number == 1 != line instanceof ExportLine.Header) {
        throw new AuditFormatException(number, number == 1 ? "not an npc audit export: the first line is not its "
            + "header" : "a second header");
      }
      accept(line);
    }
    if (number == 0) {
      throw new AuditFormatException(0, "the export is empty");
    }
  }

  private void accept(ExportLine line) {
    if (line instanceof ExportLine.Entry e) {
      AuditEntry entry = e.entry();
      entry(entry.chain(), entry.position(), entry.previous(), entry.hash(), e.statedHash().equals(entry.hash()),
          entry.record().kind().equals(AuditKind.KEY_ROTATED.name()) ? entry.record().evidence().get("newKey")
              : null);
      if (sink != null) {
        sink.accept(entry);
      }
    } else if (line instanceof ExportLine.ChainCheckpoint c) {
      chains.computeIfAbsent(c.checkpoint().head().chain(), k -> new ChainLines()).checkpoints.add(c.checkpoint());
    } else if (line instanceof ExportLine.Heads h) {
      heads.add(h.heads());
    } else if (line instanceof ExportLine.End e) {
      if (end != null) {
        throw new AuditFormatException(e.line(), "a second end statement");
      }
      end = e.end();
    }
  }

  /**
   * What an entry line leaves: its link, and the key it introduces if it is a rotation ({@code rotatedKey}, its
   * evidence {@code newKey} as written, null if none).
   */
  private void entry(String chainId, long position, Bytes32 previous, Bytes32 hash, boolean intact,
      String rotatedKey) {
    ChainLines chain = chains.computeIfAbsent(chainId, c -> new ChainLines());
    chain.links.add(new Link(position, previous, hash, intact));
    if (rotatedKey != null && rotatedKey.matches("[0-9a-f]{64}")) {
      chain.rotations.put(position, AuditPublicKey.parse(rotatedKey));
    }
    entries++;
    lastChain = chainId;
    lastPosition = position;
  }

  private VerifyResult check() {
    Map<Bytes32, AuditPublicKey> keys = trustedKeys();
    Map<String, ExportEnd.Extent> extents = new HashMap<>();
    if (end != null) {
      end.chains().forEach(e -> extents.put(e.chain(), e));
    }
    for (Map.Entry<String, ChainLines> chain : chains.entrySet()) {
      Optional<VerifyResult.Failed> failed = chain.getValue().check(chain.getKey(),
          Optional.ofNullable(extents.get(chain.getKey())), end != null, keys);
      if (failed.isPresent()) {
        return failed.get();
      }
    }
    if (end == null) {
      return lastChain == null ? new VerifyResult.Failed("*", 0, Tampering.TRUNCATED)
          : new VerifyResult.Failed(lastChain, lastPosition + 1, Tampering.TRUNCATED);
    }
    for (ExportEnd.Extent extent : end.chains()) {
      if (!chains.containsKey(extent.chain()) && extent.lastPosition() >= extent.firstPosition()) {
        return new VerifyResult.Failed(extent.chain(), extent.firstPosition(), Tampering.REMOVED);
      }
    }
    for (HeadsCheckpoint h : heads) {
      if (!signedBy(keys, h.keyId(), CanonicalEncoding.heads(h.at(), h.madeBy(), h.heads(), h.keyId()),
          h.signature())) {
        return new VerifyResult.Failed(h.madeBy(), headOf(h, h.madeBy()), Tampering.BAD_SIGNATURE);
      }
      for (ChainHead head : h.heads()) {
        Optional<VerifyResult.Failed> failed = againstHead(head, extents.get(head.chain()));
        if (failed.isPresent()) {
          return failed.get();
        }
      }
    }
    if (!signedBy(keys, end.keyId(), CanonicalEncoding.exportEnd(end.from(), end.to(), end.exportedAt(),
        end.chains(), end.keyId()), end.signature())) {
      ExportEnd.Extent first = end.chains().isEmpty() ? null : end.chains().get(0);
      return new VerifyResult.Failed(first == null ? "*" : first.chain(), first == null ? 0 : first.lastPosition(),
          Tampering.BAD_SIGNATURE);
    }
    long checkpoints = heads.size();
    for (ChainLines c : chains.values()) {
      checkpoints += c.checkpoints.size();
    }
    return new VerifyResult.Ok(entries, chains.size(), checkpoints);
  }

  /** A chain named by a heads checkpoint must be in the export up to that head, with that hash. */
  private Optional<VerifyResult.Failed> againstHead(ChainHead head, ExportEnd.Extent extent) {
    if (head.position() == 0) {
      return Optional.empty();
    }
    if (extent == null) {
      return Optional.of(new VerifyResult.Failed(head.chain(), 1, Tampering.REMOVED));
    }
    if (head.position() < extent.firstPosition()) {
      return Optional.empty();
    }
    if (head.position() > extent.lastPosition()) {
      return Optional.of(new VerifyResult.Failed(head.chain(), extent.lastPosition() + 1, Tampering.TRUNCATED));
    }
    Bytes32 hash = chains.get(head.chain()).hashAt(head.position());
    return hash != null && hash.equals(head.hash()) ? Optional.empty()
        : Optional.of(new VerifyResult.Failed(head.chain(), head.position(), Tampering.MODIFIED));
  }

  private static long headOf(HeadsCheckpoint h, String chain) {
    return h.heads().stream().filter(head -> head.chain().equals(chain)).mapToLong(ChainHead::position)
        .findFirst().orElse(0);
  }

  /**
   * The given key, and each key a rotation entry introduced that a checkpoint of a trusted key covers, repeated
   * until no more keys are learnt (a rotation may be covered by a key learnt from another chain).
   */
  private Map<Bytes32, AuditPublicKey> trustedKeys() {
    Map<Bytes32, AuditPublicKey> keys = new HashMap<>();
    keys.put(trusted.id(), trusted);
    boolean learnt = true;
    while (learnt) {
      learnt = false;
      for (ChainLines chain : chains.values()) {
        for (Map.Entry<Long, AuditPublicKey> rotation : chain.rotations.entrySet()) {
          if (!keys.containsKey(rotation.getValue().id()) && chain.covered(rotation.getKey(), keys)) {
            keys.put(rotation.getValue().id(), rotation.getValue());
            learnt = true;
          }
        }
      }
    }
    return keys;
  }

  static boolean signedBy(Map<Bytes32, AuditPublicKey> keys, Bytes32 keyId, byte[] message,
      npc.audit.record.Signature64 signature) {
    AuditPublicKey key = keys.get(keyId);
    return key != null && key.verifies(message, signature);
  }

  /**
   * What an entry line leaves behind once read: its position and hashes, and whether the hash the line states is
   * that of its encoding.
   */
  private record Link(long position, Bytes32 previous, Bytes32 hash, boolean intact) {}

  /** One chain's lines, in file order. */
  private static final class ChainLines {
    final List<Link> links = new ArrayList<>();
    final List<Checkpoint> checkpoints = new ArrayList<>();
    final Map<Long, AuditPublicKey> rotations = new LinkedHashMap<>();
    private Map<Long, Bytes32> hashes;

    Bytes32 hashAt(long position) {
      // Lines in order put position p at index p - first; anything else is looked up.
      if (!links.isEmpty()) {
        long index = position - links.get(0).position();
        if (index >= 0 && index < links.size() && links.get((int) index).position() == position) {
          return links.get((int) index).hash();
        }
      }
      if (hashes == null) {
        hashes = new HashMap<>();
        for (Link link : links) {
          hashes.putIfAbsent(link.position(), link.hash());
        }
      }
      return hashes.get(position);
    }

    /** Whether a checkpoint at or after {@code position}, of a key in {@code keys}, verifies and matches. */
    boolean covered(long position, Map<Bytes32, AuditPublicKey> keys) {
      for (Checkpoint c : checkpoints) {
        if (c.head().position() >= position && c.head().hash().equals(hashAt(c.head().position()))
            && signedBy(keys, c.keyId(), CanonicalEncoding.checkpoint(c.head(), c.at(), c.keyId()),
            c.signature())) {
          return true;
        }
      }
      return false;
    }

    /**
     * The chain's first bad position: the walk over its entries in file order, then its checkpoints, then its
     * extent in the end statement; of the failures found, the lowest position (the walk's on a tie).
     */
    Optional<VerifyResult.Failed> check(String chain, Optional<ExportEnd.Extent> extent, boolean ended,
        Map<Bytes32, AuditPublicKey> keys) {
      Failure failure = new Failure(chain);
      long first = extent.map(ExportEnd.Extent::firstPosition)
          .orElse(links.isEmpty() ? 1 : links.get(0).position());
      long expected = first;
      Bytes32 previous = extent.map(ExportEnd.Extent::firstPrevious)
          .orElse(links.isEmpty() ? Bytes32.ZERO : links.get(0).previous());
      for (int i = 0; i < links.size() && failure.none(); i++) {
        Link link = links.get(i);
        if (!link.intact()) {
          failure.at(link.position(), Tampering.MODIFIED);
        } else if (link.position() == expected) {
          if (!link.previous().equals(previous)) {
            if (i >= 2 && link.previous().equals(links.get(i - 2).hash())) {
              failure.at(links.get(i - 1).position(), Tampering.INSERTED);
            } else {
              failure.at(expected == first ? expected : expected - 1, Tampering.MODIFIED);
            }
          } else {
            previous = link.hash();
            expected++;
          }
        } else if (link.position() < expected) {
          failure.at(link.position(), link.position() >= first ? Tampering.INSERTED : Tampering.REORDERED);
        } else {
          failure.at(expected, appearsAfter(i, expected) ? Tampering.REORDERED : Tampering.REMOVED);
        }
      }
      long last = expected - 1;
      for (Checkpoint c : checkpoints) {
        long p = c.head().position();
        if (!signedBy(keys, c.keyId(), CanonicalEncoding.checkpoint(c.head(), c.at(), c.keyId()), c.signature())) {
          failure.atLowest(p, Tampering.BAD_SIGNATURE);
        } else if (p > last) {
          failure.atLowest(last + 1, Tampering.TRUNCATED);
        } else if (p >= first && !c.head().hash().equals(hashAt(p))) {
          failure.atLowest(p, Tampering.MODIFIED);
        }
      }
      if (failure.none() && ended) {
        if (extent.isEmpty()) {
          failure.at(first, Tampering.INSERTED);
        } else if (extent.get().lastPosition() > last) {
          failure.at(last + 1, Tampering.TRUNCATED);
        } else if (extent.get().lastPosition() < last) {
          failure.at(extent.get().lastPosition() + 1, Tampering.INSERTED);
        } else if (!extent.get().lastHash().equals(previous)) {
          failure.at(last, Tampering.MODIFIED);
        }
      }
      return failure.result();
    }

    private boolean appearsAfter(int index, long position) {
      for (int j = index + 1; j < links.size(); j++) {
        if (links.get(j).position() == position) {
          return true;
        }
      }
      return false;
    }
  }

  /** The lowest bad position found so far in one chain. */
  private static final class Failure {
    private final String chain;
    private VerifyResult.Failed failed;

    Failure(String chain) {
      this.chain = chain;
    }

    boolean none() {
      return failed == null;
    }

    void at(long position, Tampering kind) {
      if (failed == null) {
        failed = new VerifyResult.Failed(chain, position, kind);
      }
    }

    void atLowest(long position, Tampering kind) {
      if (failed == null || position < failed.position()) {
        failed = new VerifyResult.Failed(chain, position, kind);
      }
    }

    Optional<VerifyResult.Failed> result() {
      return Optional.ofNullable(failed);
    }
  }

  /**
   * Lines split at line feeds, knowing whether the last one ended with one. Each line is handed as a range of the
   * splitter's own buffer ({@link #chars()}, {@link #start()}, {@link #end()}), valid until the next call, so a line
   * the fast path reads is never copied; {@link #text()} makes it a string.
   */
  private static final class LineSplitter {
    private final Reader in;
    private char[] buffer = new char[1 << 16];
    private int start;
    private int lineEnd;
    private int next;
    private int end;
    private boolean eof;
    private boolean cut;

    LineSplitter(Reader in) {
      this.in = in;
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
      start = next;
      int scan = start;
      while (true) {
        for (int i = scan; i < end; i++) {
          if (buffer[i] == '\n') {
            lineEnd = i;
            next = i + 1;
            return true;
          }
        }
        if (eof) {
          cut = end > start;
          lineEnd = next = end;
          return cut;
        }
        if (start > 0) {
          System.arraycopy(buffer, start, buffer, 0, end - start);
          end -= start;
          start = 0;
        }
        scan = end;
        if (end == buffer.length) {
          buffer = Arrays.copyOf(buffer, 2 * buffer.length);
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
          eof = true;
        } else {
          end += n;
        }
      }
    }

    char[] chars() {
      return buffer;
    }

    int start() {
      return start;
    }

    int end() {
      return lineEnd;
    }

    String text() {
      return new String(buffer, start, lineEnd - start);
    }

    /** Whether the line last returned was the file's end with no line feed after it. */
    boolean lastWasCut() {
      return cut;
    }
  }
}
