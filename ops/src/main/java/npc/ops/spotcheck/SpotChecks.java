package npc.ops.spotcheck;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.porting.PortingService;

/**
 * Draws spot checks. The order is the guarantee: the seed comes from {@link SecureRandom} (never from the caller),
 * the draw's row and its {@code SPOT_CHECK_SEEDED} entry (awaited) are written before the population is read, and
 * only then is the sample drawn, kept and recorded ({@code SPOT_CHECK_DRAWN}). A draw that fails after its seed was
 * recorded stays listed without a result; a second draw is a second entry, so redrawing until a sample suits shows.
 */
public final class SpotChecks {
  /** The largest sample one draw may ask for: an inspection, not an export. */
  public static final int MAX_SIZE = 500;
  /** The longest period one draw may cover. */
  public static final Duration MAX_PERIOD = Duration.ofDays(366);

  private final SpotCheckStore store;
  private final Population population;
  private final PortingService service;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SpotChecks(SpotCheckStore store, Population population, PortingService service, Clock clock) {
    this.store = store;
    this.population = population;
    this.service = service;
    this.clock = clock;
  }

  /** A request the service refuses, naming the field at fault; nothing was written. */
  public static final class Invalid extends RuntimeException {
    public final String field;

    Invalid(String field, String detail) {
      super(detail, null, false, false);
      this.field = field;
    }
  }

  /**
   * Draws a sample of at most {@code size} of {@code carrier}'s ports opened in {@code [from, to)}.
   *
   * @throws Invalid the carrier is not one of the regime's, the period is empty, too long or not over, or the size is
   *     out of bounds
   */
  public SpotCheck draw(String carrier, Instant from, Instant to, int size, String drawnBy) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    check(carrier, from, to, size, now);
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    SpotCheck check = new SpotCheck(UUID.randomUUID(), carrier, from, to, size, HexFormat.of().formatHex(seed),
        SampleDraw.ALGORITHM, now, drawnBy, Optional.empty());
    store.seeded(check);
    service.record(seeded(check));
    Set<String> ports = population.ports(carrier, from, to);
    List<String> sample = SampleDraw.draw(seed, ports, size);
    SpotCheck drawn = check.drawn(new SpotCheck.Result(ports.size(), SampleDraw.digest(ports), sample));
    store.drawn(check.id(), drawn.result().orElseThrow());
    service.record(drawn(drawn));
    return drawn;
  }

  public Optional<SpotCheck> find(UUID id) {
    return store.find(id);
  }

  /** Every draw of {@code carrier} whose period overlaps {@code [from, to)}, oldest first. */
  public List<SpotCheck> ofCarrier(String carrier, Instant from, Instant to) {
    return store.ofCarrier(carrier).stream().filter(c -> c.from().isBefore(to) && c.to().isAfter(from)).toList();
  }

  private void check(String carrier, Instant from, Instant to, int size, Instant now) {
    if (service.regime().carriers().all().stream().noneMatch(c -> c.id().value().equals(carrier))) {
      throw new Invalid("carrier", "not a carrier of regime " + service.regime().id() + ": " + carrier);
    }
    if (!from.isBefore(to)) {
      throw new Invalid("from", "must be before to (" + from + " is not before " + to + ")");
    }
    if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
      throw new Invalid("from", "the period may be at most " + MAX_PERIOD.toDays() + " days");
    }
    if (to.isAfter(now)) {
      throw new Invalid("to", "the period must be over, so that its ports are settled: " + to + " is after " + now);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new Invalid("size", "must be 1 to " + MAX_SIZE + ", not " + size);
    }
  }

  private static AuditStep seeded(SpotCheck c) {
    return AuditStep.of(stepId("seeded", c.id()), AuditKind.SPOT_CHECK_SEEDED, c.drawnAt()).withActorName(c.drawnBy())
        .withSubject(c.id().toString()).with("carrier", c.carrier()).with("from", AuditStep.instant(c.from()))
        .with("to", AuditStep.instant(c.to())).with("size", String.valueOf(c.size())).with("seed", c.seed())
        .with("algorithm", c.algorithm());
  }

  private AuditStep drawn(SpotCheck c) {
    SpotCheck.Result r = c.result().orElseThrow();
    return AuditStep.of(stepId("drawn", c.id()), AuditKind.SPOT_CHECK_DRAWN, clock.instant())
        .withActorName(c.drawnBy()).withSubject(c.id().toString()).with("carrier", c.carrier())
        .with("population", String.valueOf(r.population())).with("populationDigest", r.populationDigest())
        .with("sample", String.join(",", r.sample()));
  }

  private static UUID stepId(String what, UUID check) {
    return UUID.nameUUIDFromBytes(("spot-check-" + what + ":" + check).getBytes(StandardCharsets.UTF_8));
  }
}
