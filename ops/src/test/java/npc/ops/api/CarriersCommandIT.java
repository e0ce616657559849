package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code npc carriers} against the running service: list, suspend and resume, and a refusal's exit code. */
class CarriersCommandIT {
  private final RunningService service = RunningService.get();

  @Test
  void suspendListAndResumeACarrier() {
    Cli.Run suspended = Cli.asOperator(service, "carriers", "suspend", "CBN", "--reason", "audit pending");
    assertThat(suspended.code()).as(suspended.err()).isZero();
    assertThat(suspended.out()).startsWith("suspended CBN ").contains("SUSPENDED", "audit pending");

    Cli.Run list = Cli.asOperator(service, "carriers", "list");
    assertThat(list.code()).isZero();
    assertThat(list.out()).startsWith("ID ").containsPattern("CBN +SUSPENDED").containsPattern("CM +active");

    Cli.Run resumed = Cli.asOperator(service, "carriers", "resume", "CBN");
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).startsWith("resumed CBN ").contains("active");

    Cli.Run again = Cli.asOperator(service, "carriers", "resume", "CBN");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("npc carriers resume: 409: carrier CBN is not suspended");
    assertThat(Cli.asOperator(service, "carriers", "suspend", "ZZ9").err()).contains("404");
  }
}
