package npc.core.porting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.port.PortState;

/**
 * What this instance remembers of the ports and numbers it wrote, so that the common path of a lifecycle needs no
 * read. A port's state only moves forward, so a command that needs a port in state S and finds it here in S may take
 * it instead of reading it: it is what a read a moment earlier would have returned, and the command's conditional
 * write checks that the port is still in S (when it is not, the command reads the port and answers from what it
 * finds, as after any race). Each map keeps at most {@value #REMEMBERED} entries, dropping the least used.
 */
final class InstanceMemory {
  static final int REMEMBERED = 10_000;

  /** Ports as this instance last wrote them, until they end. */
  final Map<UUID, Port> ports = remembered();
  /**
   * The number's route version as this instance saw it when the port opened. While a port is open only its own
   * activation moves the route, or a reversal, which cancels the port and moves the route version that the
   * activation's conditional write checks; so the activation needs no read of the number.
   */
  final Map<UUID, Long> routeVersions = remembered();
  /**
   * Numbers as this instance left them when it issued their code, for the submission that follows. A submission
   * that takes a number from here checks against it as against a read: the conditional write that opens the port
   * applies only if the number is still so (open port, code, last port, route version); a submission this state
   * would refuse or reject reads the number first, so that no stale view becomes an answer.
   */
  final Map<Msisdn, NumberState> issued = remembered();
  /**
   * The facts (acknowledgements, deactivation) this instance recorded or read, by port, for the ports in
   * {@link #ports}: when they alone complete a port, its facts need not be read.
   */
  final Map<UUID, Map<String, Set<CarrierId>>> facts = remembered();
  /**
   * Ports for which this instance recorded a fact without seeing them complete: the other facts may have been
   * recorded by other instances, so their facts are read once at the next deadline round.
   */
  final Set<UUID> completionChecks = ConcurrentHashMap.newKeySet();
  /**
   * Answers (a donor's to a port, or to an eligibility query) this instance received and has not run yet, by their
   * subject, with when they were received: the deadline round leaves such a subject for a later round rather than
   * deem it accepted or expire it while its answer, received in time, waits for a worker. At most
   * {@value #REMEMBERED}; an answer that never ran (refused for the carrier's quota) stops counting after
   * {@link PortingService#ANSWER_WAIT}.
   */
  final Map<UUID, Instant> answersWaiting = remembered();
  /**
   * Carriers' facts about activated ports (a routing acknowledgement, a deactivation) this instance received and has
   * not recorded yet, with when they were received: the routing deadline round leaves such a port for a later round
   * rather than name a laggard whose fact, received in time, waits for a thread. Bounded as {@link #answersWaiting}.
   */
  final Map<FactWaiting, Instant> factsWaiting = remembered();

  /** A carrier's fact about a port, received and not yet recorded. */
  record FactWaiting(UUID port, CarrierId carrier, String fact) {}

  /** The port, from memory when it is there in the state the caller needs, else as read now. */
  Optional<Port> portIn(PortStore store, UUID portId, PortState needed) {
    Port known = ports.get(portId);
    return known != null && known.state() == needed ? Optional.of(known) : store.port(portId);
  }

  /** Remembers a port this instance wrote, or forgets it once it ended. */
  void wrote(Port port) {
    if (port.state().isTerminal()) {
      forget(port.id());
    } else {
      ports.put(port.id(), port);
    }
  }

  void forget(UUID portId) {
    ports.remove(portId);
    routeVersions.remove(portId);
    facts.remove(portId);
    completionChecks.remove(portId);
  }

  /** A map of at most {@value #REMEMBERED} entries, safe for many threads, that drops the least used. */
  private static <K, V> Map<K, V> remembered() {
    return Collections.synchronizedMap(new LinkedHashMap<>(1_024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > REMEMBERED;
      }
    });
  }
}
