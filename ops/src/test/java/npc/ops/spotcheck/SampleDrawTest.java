package npc.ops.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The drawing algorithm as documented: the same seed and population give the same sample whatever order the
 * population is read in; another seed gives another sample; the sample is the ids with the smallest HMAC keys,
 * computed here independently; a size above the population takes all of it.
 */
class SampleDrawTest {
  private final byte[] seed = HexFormat.of().parseHex(
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
  private final List<String> population = ports(200, 7);

  @Test
  void theSameSeedGivesTheSameSampleWhateverTheOrderOfThePopulation() {
    List<String> shuffled = new ArrayList<>(population);
    Collections.shuffle(shuffled, new Random(3));
    List<String> withDuplicates = new ArrayList<>(shuffled);
    withDuplicates.addAll(population.subList(0, 20));

    assertThat(SampleDraw.draw(seed, withDuplicates, 10)).isEqualTo(SampleDraw.draw(seed, population, 10))
        .hasSize(10).doesNotHaveDuplicates();
    assertThat(SampleDraw.digest(withDuplicates)).isEqualTo(SampleDraw.digest(population));
  }

  @Test
  void anotherSeedGivesAnotherSample() {
    byte[] other = seed.clone();
    other[0] ^= 1;
    assertThat(SampleDraw.draw(other, population, 10)).isNotEqualTo(SampleDraw.draw(seed, population, 10));
  }

  @Test
  void theSampleIsTheIdsWithTheSmallestKeyedHashInThatOrder() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(seed, "HmacSHA256"));
    List<String[]> keyed = new ArrayList<>();
    for (String id : population) {
      keyed.add(new String[] {HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8))), id});
    }
    keyed.sort((a, b) -> a[0].compareTo(b[0]));
    List<String> expected = keyed.subList(0, 5).stream().map(k -> k[1]).toList();

    assertThat(SampleDraw.draw(seed, population, 5)).containsExactlyElementsOf(expected);
  }

  @Test
  void aSizeAboveThePopulationTakesAllOfItAndAnEmptyPopulationNothing() {
    assertThat(SampleDraw.draw(seed, population.subList(0, 3), 10)).containsExactlyInAnyOrderElementsOf(
        population.subList(0, 3));
    assertThat(SampleDraw.draw(seed, List.of(), 10)).isEmpty();
  }

  private static List<String> ports(int n, long seed) {
    Random random = new Random(seed);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(new UUID(random.nextLong(), random.nextLong()).toString());
    }
    return ids;
  }
}
