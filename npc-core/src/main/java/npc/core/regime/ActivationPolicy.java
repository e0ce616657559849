package npc.core.regime;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When an accepted port takes effect: at once, at the next boundary of a fixed period (CN: the next whole hour),
 * or at a set time on the next working day.
 */
public sealed interface ActivationPolicy {

  /** The activation time for a port accepted at {@code acceptedAt}. */
  Instant activationTime(Instant acceptedAt);

  /** At the moment of acceptance. */
  record Immediate() implements ActivationPolicy {
    @Override
    public Instant activationTime(Instant acceptedAt) {
      return acceptedAt;
    }
  }

  /** At the next multiple of {@code period} since the epoch, in {@code zone} (CN: PT1H, the next whole hour). */
  record NextBoundary(Duration period, ZoneId zone) implements ActivationPolicy {
    public NextBoundary {
      Objects.requireNonNull(zone, "zone");
      if (period == null || period.isNegative() || period.isZero() || Duration.ofDays(1).toMillis() % period.toMillis() != 0) {
        throw new IllegalArgumentException("an activation period must divide a day: " + period);
      }
    }

    @Override
    public Instant activationTime(Instant acceptedAt) {
      ZonedDateTime local = acceptedAt.atZone(zone);
      long sinceMidnight = Duration.between(local.toLocalDate().atStartOfDay(zone), local).toMillis();
      long step = period.toMillis();
      long next = (sinceMidnight / step + 1) * step;
      return local.toLocalDate().atStartOfDay(zone).plus(Duration.ofMillis(next)).toInstant();
    }
  }

  /** At {@code at} local time on the next Monday-to-Friday after acceptance. */
  record NextWorkingDay(LocalTime at, ZoneId zone) implements ActivationPolicy {
    public NextWorkingDay {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Instant activationTime(Instant acceptedAt) {
      ZonedDateTime day = acceptedAt.atZone(zone).toLocalDate().plusDays(1).atTime(at).atZone(zone);
      while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
        day = day.plusDays(1);
      }
      return day.toInstant();
    }
  }
}
