package npc.gateway.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentPositionsTest {
  private final SentPositions sent = new SentPositions();

  @Test
  void aConnectionThatSentNothingSentNoPositionNotEvenZero() {
    assertThat(sent.contains(0)).isFalse();
    assertThat(sent.contains(1)).isFalse();
  }

  @Test
  void pagesOfAStreamMakeOneRangeAndNothingOutsideItWasSent() {
    sent.add(6, 9);
    sent.add(10, 12);

    assertThat(sent.contains(5)).as("the position the carrier resumed after").isFalse();
    assertThat(sent.contains(6)).isTrue();
    assertThat(sent.contains(12)).isTrue();
    assertThat(sent.contains(13)).isFalse();
  }

  @Test
  void aResubscriptionFromWithinWhatWasSentKeepsTheEarlierPositions() {
    sent.add(6, 12);
    sent.add(9, 20); // resubscribed after 8
    sent.add(3, 30); // resubscribed after 2

    assertThat(sent.contains(3)).isTrue();
    assertThat(sent.contains(30)).isTrue();
    assertThat(sent.contains(2)).isFalse();
  }

  @Test
  void aJumpAwayFromWhatWasSentStartsAfreshAndForgetsTheOldRange() {
    sent.add(1, 10);
    sent.add(500, 500); // a snapshot as of 500

    assertThat(sent.contains(500)).isTrue();
    assertThat(sent.contains(10)).isFalse();
    assertThat(sent.contains(11)).isFalse();
  }

  @Test
  void theSnapshotOfAnEmptyLogSendsPositionZero() {
    sent.add(0, 0);
    sent.add(1, 3);

    assertThat(sent.contains(0)).isTrue();
    assertThat(sent.contains(3)).isTrue();
  }
}
