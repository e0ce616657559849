package npc.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import npc.audit.sign.AuditPublicKey;
import org.junit.jupiter.api.Test;

/** The worked example of {@code docs/format.md} is the program's output, and verifies under the key it shows. */
class FormatExampleTest {
  private static final Path PAGE = Path.of("docs/format.md");

  @Test
  void thePageShowsTheExportAndEveryValueTheProgramMakes() throws IOException {
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    StringBuilder details = new StringBuilder();
    String export = FormatExample.run(details);

    assertThat(block(page, "```jsonl\n")).isEqualTo(export);
    assertThat(block(page, "```text\n")).isEqualTo(details.toString());
  }

  @Test
  void theExportOnThePageVerifiesUnderThePublicKeyOnThePage() throws IOException {
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    String details = block(page, "```text\n");
    AuditPublicKey key = AuditPublicKey.parse(details.substring(details.indexOf("-----BEGIN PUBLIC KEY-----"),
        details.indexOf("-----END PUBLIC KEY-----") + "-----END PUBLIC KEY-----".length()));

    VerifyResult result = AuditVerifier.verify(new StringReader(block(page, "```jsonl\n")), key);

    assertThat(result.message()).isEqualTo("audit verify: OK entries=3 chains=1 checkpoints=2");
  }

  @Test
  void theExportOnThePageFailsWhenOneCharacterOfItChanges() throws IOException {
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    String export = block(page, "```jsonl\n").replace("\"amount\":\"86.40\"", "\"amount\":\"86.41\"");
    AuditPublicKey key = AuditPublicKey.parse("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    VerifyResult result = AuditVerifier.verify(new StringReader(export), key);

    assertThat(result.message()).isEqualTo("audit verify: FAILED chain=node1-7f3a position=2: modified");
  }

  /** The text of the first fenced block that opens with {@code fence}, up to its closing fence. */
  private static String block(String page, String fence) {
    int start = page.indexOf(fence);
    assertThat(start).as("a block opening with %s in %s", fence.strip(), PAGE).isNotNegative();
    start += fence.length();
    return page.substring(start, page.indexOf("```\n", start));
  }
}
