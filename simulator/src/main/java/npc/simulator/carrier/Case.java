package npc.simulator.carrier;

import java.time.LocalDate;

/**
 * One port or query as the donor sees it, with the truth the simulator knows.
 *
 * @param subscriber the subscriber's index in the population
 * @param attempt 0 for the subscriber's first attempt, 1 for its first retry, and so on
 * @param blocking the condition (index into the regime's conditions) that rightly blocks the port now, or -1
 * @param today the day of the answer (UTC), from which evidence dates are made
 */
public record Case(int subscriber, int attempt, int blocking, LocalDate today) {}
