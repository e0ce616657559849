package npc.core.notice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.port.PortState;

/**
 * An outbox in memory for unit tests: notices in the order they were put in (their ids' order), each readable
 * only once it is {@link #publish published}, as a write in flight becomes readable late.
 */
final class MemoryOutbox implements Outbox {
  private final Map<UUID, Instant> firstPushed = new HashMap<>();
  private final List<Notice> notices = new ArrayList<>();
  private final Set<UUID> readable = new HashSet<>();
  private final Set<UUID> acked = new HashSet<>();
  private final Map<CarrierId, Instant> watermarks = new HashMap<>();
  int reads;

  /** Adds a notice stamped {@code at}, not readable yet. */
  synchronized Notice stamp(CarrierId carrier, Instant at) {
    return stamp(carrier, at, Notice.Kind.PORT);
  }

  /** Adds a notice of {@code kind} stamped {@code at}, not readable yet. */
  synchronized Notice stamp(CarrierId carrier, Instant at, Notice.Kind kind) {
    Notice notice = new Notice(UUID.randomUUID(), carrier, kind, UUID.randomUUID(), "+8613800138000",
        kind == Notice.Kind.PORT ? Optional.of(PortState.PENDING_DONOR) : Optional.empty(), at);
    int index = 0;
    while (index < notices.size() && !notices.get(index).createdAt().isAfter(at)) {
      index++;
    }
    notices.add(index, notice);
    return notice;
  }

  synchronized void publish(Notice notice) {
    readable.add(notice.id());
  }

  synchronized Notice add(CarrierId carrier, Instant at) {
    return add(carrier, at, Notice.Kind.PORT);
  }

  synchronized Notice add(CarrierId carrier, Instant at, Notice.Kind kind) {
    Notice notice = stamp(carrier, at, kind);
    publish(notice);
    return notice;
  }

  synchronized boolean isAcked(Notice notice) {
    return acked.contains(notice.id());
  }

  @Override
  public synchronized void enqueue(Notice.Kind kind, UUID subject, String msisdn, Optional<PortState> state,
      Collection<CarrierId> to) {
    throw new UnsupportedOperationException("the feed never writes notices");
  }

  @Override
  public synchronized List<Notice> read(CarrierId carrier, Instant from, Optional<UUID> after, int limit) {
    reads++;
    int start = 0;
    if (after.isPresent()) {
      while (!notices.get(start).id().equals(after.get())) {
        start++;
      }
      start++;
    }
    List<Notice> page = new ArrayList<>();
    for (int i = start; i < notices.size() && page.size() < limit; i++) {
      Notice notice = notices.get(i);
      if (notice.carrier().equals(carrier) && !notice.createdAt().isBefore(from) && readable.contains(notice.id())
          && !acked.contains(notice.id())) {
        page.add(notice);
      }
    }
    return page;
  }

  @Override
  public synchronized void acknowledge(CarrierId carrier, Collection<UUID> ids, Optional<Instant> acknowledgedAt) {
    acked.addAll(ids);
  }

  @Override
  public synchronized void pushed(CarrierId carrier, Collection<UUID> ids, Instant at) {
    ids.forEach(id -> firstPushed.putIfAbsent(id, at));
  }

  @Override
  public synchronized Optional<Delivery> delivery(CarrierId carrier, UUID id) {
    return Optional.of(new Delivery(Optional.ofNullable(firstPushed.get(id)), Optional.empty()));
  }

  @Override
  public synchronized Optional<Instant> watermark(CarrierId carrier) {
    return Optional.ofNullable(watermarks.get(carrier));
  }

  @Override
  public synchronized void saveWatermark(CarrierId carrier, Instant watermark) {
    watermarks.put(carrier, watermark);
  }
}
