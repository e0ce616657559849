package npc.simulator.carrier;

import java.util.List;
import java.util.Optional;
import npc.simulator.scenario.Tactic;

/**
 * What a carrier does with one port or query: possibly a first answer the clearinghouse will refuse (a reason off
 * the list, a refutable claim), then its answer; and the tactics that shaped it, for the truth log.
 *
 * @param firstTry an answer sent before the real one, which the clearinghouse refuses
 * @param answer the answer that counts
 * @param touched the tactics that changed anything, empty for an honest decision
 */
public record Decision(Optional<Answer> firstTry, Answer answer, List<Tactic> touched) {

  public Decision {
    touched = List.copyOf(touched);
  }
}
