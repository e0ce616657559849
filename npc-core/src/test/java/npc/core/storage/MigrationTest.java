package npc.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest {
  @Test
  void theVersionComesFromTheFileName() {
    Migration m = Migration.of("V012__add_ports.cql", "CREATE TABLE x (id int PRIMARY KEY);");
    assertThat(m.version()).isEqualTo(12);
    assertThat(m.checksum()).hasSize(64);
  }

  @Test
  void theChecksumIgnoresLineEndingsButNotContent() {
    assertThat(Migration.of("V001__a.cql", "A;\r\nB;").checksum())
        .isEqualTo(Migration.of("V001__a.cql", "A;\nB;").checksum())
        .isNotEqualTo(Migration.of("V001__a.cql", "A;\nC;").checksum());
  }

  @Test
  void aBadFileNameIsRefused() {
    assertThatThrownBy(() -> Migration.of("001-add.cql", "")).hasMessageContaining("V001__what_it_does.cql");
  }

  @Test
  void versionsMustFollowTheIndexWithoutGaps() {
    List<Migration> gap = List.of(Migration.of("V001__a.cql", ""), Migration.of("V003__c.cql", ""));
    assertThatThrownBy(() -> new SchemaMigrations("x", gap))
        .hasMessageContaining("found V003__c.cql at position 2");
  }

  @Test
  void coreMigrationsLoadFromTheClasspath() {
    SchemaMigrations core = SchemaMigrations.core();
    assertThat(core.component()).isEqualTo("npc");
    assertThat(core.latestVersion()).isPositive();
  }
}
