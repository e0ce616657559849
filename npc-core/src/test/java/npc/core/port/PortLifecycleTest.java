package npc.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every state x event pair, checked against a table written out here independently of the implementation: the
 * allowed moves of DESIGN.md section 3, and a refusal code for each of the other pairs.
 */
class PortLifecycleTest {
  /** state,event -> next state, copied from the diagram. */
  private static final Map<String, PortState> ALLOWED = Map.ofEntries(
      Map.entry("SUBMITTED,CHECKS_FAILED", PortState.REJECTED_BY_CLEARINGHOUSE),
      Map.entry("SUBMITTED,CHECKS_PASSED", PortState.PENDING_DONOR),
      Map.entry("SUBMITTED,CANCEL", PortState.CANCELLED),
      Map.entry("PENDING_DONOR,DONOR_ACCEPTS", PortState.ACCEPTED),
      Map.entry("PENDING_DONOR,DONOR_REJECTS", PortState.REJECTED_BY_DONOR),
      Map.entry("PENDING_DONOR,DONOR_DEADLINE_PASSED", PortState.DEEMED_ACCEPTED),
      Map.entry("PENDING_DONOR,CANCEL", PortState.CANCELLED),
      Map.entry("ACCEPTED,SCHEDULE", PortState.SCHEDULED),
      Map.entry("ACCEPTED,CANCEL", PortState.CANCELLED),
      Map.entry("DEEMED_ACCEPTED,SCHEDULE", PortState.SCHEDULED),
      Map.entry("DEEMED_ACCEPTED,CANCEL", PortState.CANCELLED),
      Map.entry("SCHEDULED,ACTIVATION_TIME_REACHED", PortState.ACTIVATED),
      Map.entry("SCHEDULED,CANCEL", PortState.CANCELLED),
      Map.entry("ACTIVATED,ALL_ACKNOWLEDGED", PortState.COMPLETED),
      Map.entry("ACTIVATED,ACK_DEADLINE_PASSED", PortState.COMPLETED_WITH_LAGGARDS),
      Map.entry("COMPLETED,REVERSE", PortState.REVERSED),
      Map.entry("COMPLETED_WITH_LAGGARDS,REVERSE", PortState.REVERSED));

  static Stream<Arguments> everyStateAndEvent() {
    return Arrays.stream(PortState.values())
        .flatMap(s -> Arrays.stream(PortEvent.values()).map(e -> Arguments.of(s, e)));
  }

  @ParameterizedTest(name = "{0} + {1}")
  @MethodSource("everyStateAndEvent")
  void everyPairIsAllowedExactlyAsTheDiagramSaysOrRefusedWithItsCode(PortState state, PortEvent event) {
    PortState expected = ALLOWED.get(state + "," + event);
    PortLifecycle.Move move = PortLifecycle.apply(state, event);
    if (expected != null) {
      assertThat(move).isEqualTo(new PortLifecycle.Move.Allowed(state, event, expected));
      assertThat(PortLifecycle.next(state, event)).contains(expected);
    } else {
      PortLifecycle.Refusal code = switch (state) {
        case REJECTED_BY_CLEARINGHOUSE, REJECTED_BY_DONOR, COMPLETED, COMPLETED_WITH_LAGGARDS, CANCELLED, REVERSED ->
            PortLifecycle.Refusal.PORT_ENDED;
        default -> PortLifecycle.Refusal.NOT_ALLOWED_IN_STATE;
      };
      assertThat(move).isEqualTo(new PortLifecycle.Move.Refused(state, event, code));
      assertThat(PortLifecycle.next(state, event)).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void onlyOpenStatesHoldTheNumber(PortState state) {
    boolean open = switch (state) {
      case SUBMITTED, PENDING_DONOR, ACCEPTED, DEEMED_ACCEPTED, SCHEDULED, ACTIVATED -> true;
      default -> false;
    };
    assertThat(state.holdsNumber()).isEqualTo(open);
    assertThat(state.isTerminal()).isEqualTo(!open);
  }

  static Stream<PortState> states() {
    return Arrays.stream(PortState.values());
  }
}
