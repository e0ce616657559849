package npc.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A carrier acknowledges the routing log only up to just before its oldest change not routed yet. */
class RoutedPositionsTest {

  private final RoutedPositions positions = new RoutedPositions();

  @Test
  void aLateChangeHoldsBackTheAcknowledgementOfTheChangesAfterIt() {
    positions.received(1);
    positions.received(2);
    positions.received(3);

    assertThat(positions.routed(2)).as("1 is not routed yet").isZero();
    assertThat(positions.routed(3)).isZero();
    assertThat(positions.routed(1)).as("1 routed late: everything up to 3 is routed").isEqualTo(3);
  }

  @Test
  void changesRoutedInOrderAreAcknowledgedOneByOne() {
    positions.received(4);
    positions.received(7);

    assertThat(positions.routed(4)).isEqualTo(6);
    assertThat(positions.routed(7)).isEqualTo(7);
  }

  @Test
  void aChangeReceivedAfterTheOthersWereRoutedWaitsForItself() {
    positions.received(1);
    assertThat(positions.routed(1)).isEqualTo(1);
    positions.received(2);
    positions.received(3);

    assertThat(positions.routed(3)).isEqualTo(1);
  }
}
