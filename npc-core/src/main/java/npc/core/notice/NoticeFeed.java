package npc.core.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import npc.core.carrier.CarrierId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One carrier's outbox as a connection reads it: hands out each notice once, takes the carrier's
 * acknowledgements, and keeps the durable watermark before which every notice is done.
 *
 * <p>Notices are written by every instance, with the writer's clock in their ids, and become readable a little
 * after they are stamped. So every {@link #SETTLE_READ_EVERY} a poll reads again from {@link #SETTLE} before the
 * present (or, while the feed is behind, before the newest notice it read), and the feed remembers which of
 * those it has handed out; the polls in between read only what came after the newest notice read. The clock must
 * be the one notices are stamped with: the system's. The watermark it saves never passes a notice read but not
 * handed out yet, handed out but not acknowledged, or deferred: a carrier that reconnects, to this instance or
 * another, gets every notice it did not acknowledge, and perhaps a few it did (delivery is at least once).
 *
 * <p>Thread-safe; meant for one carrier's pusher on an instance (shared by the carrier's connections there) and
 * the handler of its acknowledgements.
 */
public final class NoticeFeed {
  /**
   * How late a notice may become readable after its time: a write in flight (the driver gives up on a request
   * after 10 s, so a write that applies does so within that), and the clocks of instances apart.
   */
  public static final Duration SETTLE = Duration.ofSeconds(15);
  /** How often the settle window is read again; in between, a poll reads only what came after the newest read. */
  public static final Duration SETTLE_READ_EVERY = Duration.ofSeconds(1);
  /**
   * How long a notice may name a subject that does not show its news yet (the write after it still in flight)
   * before it is taken as the notice of a write that never applied, and dropped.
   */
  public static final Duration GRACE = Duration.ofSeconds(30);
  /**
   * A notice handed out and not acknowledged this long is handed out again on the same connection: the carrier may
   * have failed to process it (the SDK leaves unacknowledged what its listener threw on).
   */
  public static final Duration REDELIVER_AFTER = Duration.ofSeconds(60);
  /** Where a carrier never connected before starts reading. */
  public static final Duration FIRST_LOOKBACK = Duration.ofDays(7);
  /**
   * The most notices a feed reads ahead of what it hands out, to find those that go before the notices about
   * queries: about 1 MB per carrier at most. A donor whose outbox holds more than this ahead of a port's notice gets
   * it only once some of them are handed out.
   */
  public static final int READ_AHEAD = 5_000;
  private static final Duration CHECKPOINT_STEP = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(NoticeFeed.class);
  /**
   * Records of first pushes and saves of watermarks, written off the thread that pushed: a pusher serves every
   * carrier's feeds, and waiting for two writes after each page kept a port's notice waiting behind another carrier's
   * page for as long. One thread, in order; with 10,000 records waiting, the pusher writes its own (it then waits, as
   * before).
   */
  private static final Executor RECORDS = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
      new ArrayBlockingQueue<>(10_000), runnable -> {
        Thread thread = new Thread(runnable, "npc-notice-records");
        thread.setDaemon(true);
        return thread;
      }, new ThreadPoolExecutor.CallerRunsPolicy());

  private final Outbox outbox;
  private final CarrierId carrier;
  private final Clock clock;
  private Instant scanFrom;
  private Instant saved;
  /** Whether the last read returned a full page: more notices may be readable now. */
  private boolean moreToRead;
  /** The newest notice read, where a poll between two reads of the settle window starts. */
  private Optional<UUID> newestRead = Optional.empty();
  private Instant nextSettleRead = Instant.MIN;
  /** Handed out and not yet acknowledged. */
  private final Map<UUID, Notice> out = new LinkedHashMap<>();
  /** When each notice of {@link #out} was last handed out. */
  private final Map<UUID, Instant> handedOutAt = new HashMap<>();
  /** Handed out or done, among those a read from {@link #scanFrom} returns again. */
  private final Map<UUID, Notice> seen = new HashMap<>();
  /** Handed out, pushed, and that push recorded in the outbox: a subset of {@link #out}. */
  private final Set<UUID> pushRecorded = new HashSet<>();
  /** Read and not handed out yet, oldest first: the notices not about a query, and those about one. */
  private final ArrayDeque<Notice> aheadFirst = new ArrayDeque<>();
  private final ArrayDeque<Notice> aheadQueries = new ArrayDeque<>();
  /** Whose subject did not show the news yet; handed out again by the next poll. */
  private final Map<UUID, Notice> deferred = new LinkedHashMap<>();

  private NoticeFeed(Outbox outbox, CarrierId carrier, Clock clock, Instant watermark) {
    this.outbox = outbox;
    this.carrier = carrier;
    this.clock = clock;
    this.scanFrom = watermark;
    this.saved = watermark;
  }

  /** Opens the carrier's feed at its saved watermark. */
  public static NoticeFeed open(Outbox outbox, CarrierId carrier, Clock clock) {
    Instant watermark = outbox.watermark(carrier).orElseGet(() -> clock.instant().minus(FIRST_LOOKBACK));
    return new NoticeFeed(outbox, carrier, clock, watermark);
  }

  public CarrierId carrier() {
    return carrier;
  }

  /**
   * The notices to push now: those deferred before, those handed out {@link #REDELIVER_AFTER} ago and still not
   * acknowledged, then up to {@code limit} not handed out yet: every other notice read before any about a query
   * ({@link Notice.Kind#aboutAQuery}), each group oldest first. To find them, the feed reads ahead of what it hands
   * out, up to {@link #READ_AHEAD} notices.
   */
  public synchronized List<Notice> poll(int limit) {
    Instant now = clock.instant();
    List<Notice> due = new ArrayList<>(deferred.values());
    deferred.clear();
    for (Notice notice : out.values()) {
      if (!handedOutAt.get(notice.id()).plus(REDELIVER_AFTER).isAfter(now)) {
        due.add(notice);
      }
    }
    readAhead(now, limit);
    for (int fresh = 0; fresh < limit && readAhead() > 0; fresh++) {
      due.add(aheadFirst.isEmpty() ? aheadQueries.poll() : aheadFirst.poll());
    }
    due.forEach(notice -> handOut(notice, now));
    return due;
  }

  /**
   * Reads what came since the last read (or, every {@link #SETTLE_READ_EVERY}, the settle window again) into the
   * notices read ahead, page by page, until the window is read or {@link #READ_AHEAD} are held.
   */
  private void readAhead(Instant now, int pageSize) {
    if (readAhead() >= READ_AHEAD) {
      return; // as much is read ahead as the feed holds; the settle window's next read waits for room
    }
    boolean settleRead = !now.isBefore(nextSettleRead);
    if (settleRead) {
      nextSettleRead = now.plus(SETTLE_READ_EVERY);
    }
    Optional<UUID> after = settleRead ? Optional.empty() : newestRead;
    Instant newest = scanFrom;
    boolean full;
    do {
      int asked = Math.min(pageSize, READ_AHEAD - readAhead());
      List<Notice> page = outbox.read(carrier, scanFrom, after, asked);
      for (Notice notice : page) {
        newest = notice.createdAt();
        after = Optional.of(notice.id());
        newestRead = after;
        if (seen.putIfAbsent(notice.id(), notice) == null) {
          (notice.kind().aboutAQuery() ? aheadQueries : aheadFirst).add(notice);
        }
      }
      full = page.size() == asked;
    } while (full && readAhead() < READ_AHEAD);
    moreToRead = full;
    // Caught up, every notice readable now was read: only those stamped in the last SETTLE may still appear.
    Instant settled = (moreToRead ? newest : now).minus(SETTLE);
    if (settled.isAfter(scanFrom)) {
      scanFrom = settled;
      seen.values().removeIf(notice -> notice.createdAt().isBefore(scanFrom));
    }
  }

  /** Notices read and not handed out yet; for tests and bounds. */
  public synchronized int readAhead() {
    return aheadFirst.size() + aheadQueries.size();
  }

  /** Whether notices read ahead wait to be handed out, or the last read was a full page, so that more may wait. */
  public synchronized boolean behind() {
    return moreToRead || readAhead() > 0;
  }

  /**
   * These notices were handed out but not pushed (the pusher's turn ran out of time): each goes back where it was
   * read, ahead of the later ones of its group, as if never handed out.
   */
  public synchronized void giveBack(List<Notice> notices) {
    for (int i = notices.size() - 1; i >= 0; i--) {
      Notice notice = notices.get(i);
      if (out.containsKey(notice.id())) {
        forget(notice.id());
        (notice.kind().aboutAQuery() ? aheadQueries : aheadFirst).addFirst(notice);
      }
    }
  }

  /** The subject does not show the news yet: hand the notice out again at the next poll. */
  public synchronized void defer(Notice notice) {
    forget(notice.id());
    deferred.put(notice.id(), notice);
  }

  /**
   * The connection these notices were handed out on closed before the carrier acknowledged them: hand them out again
   * at the next poll (on another connection), not a minute later. Ids not handed out are ignored.
   */
  public synchronized void release(Collection<UUID> ids) {
    for (UUID id : ids) {
      Notice notice = out.remove(id);
      if (notice != null) {
        handedOutAt.remove(id);
        deferred.put(id, notice); // its first push stays recorded: the outbox keeps the earliest anyway
      }
    }
  }

  /** Whether a notice whose subject still does not show its news is old enough to be void. */
  public boolean isVoid(Notice notice) {
    return notice.createdAt().isBefore(clock.instant().minus(GRACE));
  }

  /** Marks a notice done without the carrier: it is void, or there was nothing to tell. */
  public synchronized void discard(Notice notice) {
    forget(notice.id());
    deferred.remove(notice.id());
    outbox.acknowledge(carrier, List.of(notice.id()), Optional.empty());
  }

  /**
   * The carrier acknowledged these ids. Only notices this feed handed out count: an id the carrier invents or
   * repeats is ignored.
   *
   * @return how many of the ids were handed out and are now done
   */
  public synchronized int acknowledge(Collection<UUID> ids) {
    List<UUID> known = ids.stream().distinct().filter(out::containsKey).toList();
    if (!known.isEmpty()) {
      outbox.acknowledge(carrier, known, Optional.of(clock.instant()));
      known.forEach(this::forget);
    }
    return known.size();
  }

  /**
   * These notices were pushed to the carrier; records when, for those pushed for the first time by this feed (the
   * outbox keeps the earliest push of each, whichever instance pushed it), on a thread of its own: the caller does
   * not wait for the writes ({@link #RECORDS}).
   *
   * @return the notices of {@code pushed} pushed for the first time by this feed
   */
  public List<Notice> pushed(List<Notice> pushed) {
    List<Notice> first;
    synchronized (this) {
      first = pushed.stream().filter(notice -> out.containsKey(notice.id()) && pushRecorded.add(notice.id())).toList();
    }
    if (!first.isEmpty()) {
      Instant at = clock.instant();
      List<UUID> ids = first.stream().map(Notice::id).toList();
      List<UUID> subjects = first.stream().map(Notice::subject).distinct().toList();
      // A failure: the carrier was told all the same, and the audit then finds no time it was.
      record(() -> "Recording that " + carrier + " was pushed " + ids.size() + " notices at " + at, () -> {
        outbox.pushed(carrier, ids, at);
        outbox.told(carrier, subjects, at);
      });
    }
    return first;
  }

  private void handOut(Notice notice, Instant at) {
    out.put(notice.id(), notice);
    handedOutAt.put(notice.id(), at);
  }

  private void forget(UUID id) {
    pushRecorded.remove(id);
    out.remove(id);
    handedOutAt.remove(id);
  }

  /** Notices handed out and not yet acknowledged. */
  public synchronized int unacknowledged() {
    return out.size();
  }

  /** Before it, every notice of the carrier is done. */
  public synchronized Instant watermark() {
    Instant watermark = scanFrom;
    for (Iterable<Notice> open : List.<Iterable<Notice>>of(out.values(), deferred.values(), aheadFirst, aheadQueries)) {
      for (Notice notice : open) {
        watermark = notice.createdAt().isBefore(watermark) ? notice.createdAt() : watermark;
      }
    }
    return watermark;
  }

  /**
   * Saves the watermark if it moved on by a second or more since it was last saved, on the records' thread after the
   * records handed to it before (the caller, a pusher, does not wait for the write). Saves are written in the order
   * they are made, but for a save made while 10,000 writes wait, which its caller writes at once: an earlier
   * watermark may then be saved over it, which only makes the next feed opened read more again.
   */
  public void checkpoint() {
    Instant watermark = watermark();
    boolean moved;
    synchronized (this) {
      moved = watermark.isAfter(saved.plus(CHECKPOINT_STEP));
      if (moved) {
        saved = watermark;
      }
    }
    if (moved) {
      // A failure: the next checkpoint saves a later one, and a reconnection meanwhile reads more.
      record(() -> "Saving " + carrier + "'s notice watermark " + watermark, () -> outbox.saveWatermark(carrier,
          watermark));
    }
  }

  /** Runs {@code write} on the records' thread ({@link #RECORDS}); a failure is logged, named by {@code what}. */
  private static void record(Supplier<String> what, Runnable write) {
    RECORDS.execute(() -> {
      try {
        write.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed: {}", what.get(), e.toString());
      }
    });
  }

  /**
   * Waits, at most {@code timeout}, until the records and watermarks handed to the records' thread so far are written
   * or have failed. A stopping gateway calls it once its pushers stopped, so that what it pushed is recorded before
   * its database session closes.
   *
   * @return whether they were, within the time
   */
  public static boolean awaitRecords(Duration timeout) throws InterruptedException {
    CountDownLatch written = new CountDownLatch(1);
    RECORDS.execute(written::countDown); // behind every record handed over before (with 10,000 waiting: at once)
    return written.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
