package npc.ops.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Which carrier serves a number now, as the routing database has it.
 *
 * @param ported whether a carrier other than the range holder serves it
 * @param routeVersion how many times its route changed (0: never)
 * @param since when the current route was published (its {@code ROUTE_CHANGED} entry); null when never changed, or
 *     not published yet
 * @param routingPosition the current route's position in the routing log every carrier follows; null as since
 */
@Serdeable
record RouteView(String msisdn, String carrier, @Nullable String rangeHolder, boolean ported, long routeVersion,
    @Nullable Instant since, @Nullable Long routingPosition, @Nullable String routingNumber) {}
