package npc.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CqlScriptTest {
  @Test
  void splitsAtSemicolonsAndDropsComments() {
    String script = """
        -- a table
        CREATE TABLE a (id int PRIMARY KEY); // trailing comment
        /* a block
           comment; with a semicolon */
        CREATE TABLE b (id int PRIMARY KEY);
        """;
    assertThat(CqlScript.statements(script))
        .containsExactly("CREATE TABLE a (id int PRIMARY KEY)", "CREATE TABLE b (id int PRIMARY KEY)");
  }

  @Test
  void keepsSemicolonsAndCommentMarkersInsideStrings() {
    String script = "INSERT INTO t (k, v) VALUES (1, 'a;b -- c ''quoted''');\n"
        + "INSERT INTO t (k, v) VALUES (2, $$x; y$$)";
    assertThat(CqlScript.statements(script)).containsExactly(
        "INSERT INTO t (k, v) VALUES (1, 'a;b -- c ''quoted''')",
        "INSERT INTO t (k, v) VALUES (2, $$x; y$$)");
  }

  @Test
  void anEmptyScriptHasNoStatements() {
    assertThat(CqlScript.statements("  -- nothing\n;;\n")).isEmpty();
  }

  @Test
  void anUnterminatedStringIsAnError() {
    assertThatThrownBy(() -> CqlScript.statements("INSERT INTO t (k) VALUES ('open);"))
        .hasMessageContaining("unterminated string literal");
  }
}
