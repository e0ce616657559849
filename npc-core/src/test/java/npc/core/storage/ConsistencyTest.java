package npc.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.junit.jupiter.api.Test;

class ConsistencyTest {

  @Test
  void theDefaultsAreLocalQuorumAndLocalSerial() {
    assertThat(Consistency.defaults()).isEqualTo(new Consistency(DefaultConsistencyLevel.LOCAL_QUORUM,
        DefaultConsistencyLevel.LOCAL_QUORUM, DefaultConsistencyLevel.LOCAL_SERIAL));
  }

  @Test
  void levelsAreParsedInAnyCase() {
    assertThat(Consistency.parse("quorum", " each_quorum ", "serial")).isEqualTo(new Consistency(
        DefaultConsistencyLevel.QUORUM, DefaultConsistencyLevel.EACH_QUORUM, DefaultConsistencyLevel.SERIAL));
  }

  @Test
  void badLevelsAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> Consistency.parse("LOCAL_QUORUM", "MOST", "LOCAL_SERIAL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("npc.cassandra.consistency.write must be one of").hasMessageContaining("'MOST'");
    assertThatThrownBy(() -> Consistency.parse("LOCAL_SERIAL", "LOCAL_QUORUM", "LOCAL_SERIAL"))
        .hasMessageContaining("cannot be a serial level");
    assertThatThrownBy(() -> Consistency.parse("LOCAL_QUORUM", "LOCAL_QUORUM", "LOCAL_QUORUM"))
        .hasMessageContaining("serial consistency must be SERIAL or LOCAL_SERIAL");
    assertThatThrownBy(() -> Consistency.parse("LOCAL_QUORUM", "ANY", "LOCAL_SERIAL"))
        .hasMessageContaining("cannot be ANY");
  }
}
