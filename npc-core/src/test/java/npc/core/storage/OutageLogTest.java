package npc.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A loop failing at every tick logs the change of state once, a reminder a minute, and its recovery. */
class OutageLogTest {
  private static final long TICK = Duration.ofMillis(250).toNanos();
  private final AtomicLong now = new AtomicLong(1_000);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private OutageLog outage;

  @BeforeEach
  void capture() {
    Logger logger = (Logger) LoggerFactory.getLogger("test.outage." + System.nanoTime());
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    lines.start();
    logger.addAppender(lines);
    outage = new OutageLog(logger, "Routing catch-up", now::get, Duration.ofMinutes(1));
  }

  @Test
  void fortyThreeSecondsOfFailuresEveryTickAreOneWarningAndTheRecoveryOneLine() {
    UnavailableException unavailable = new UnavailableException(null, DefaultConsistencyLevel.LOCAL_SERIAL, 2, 1);
    for (int tick = 0; tick < 172; tick++) { // 43 s of ticks of 250 ms
      outage.failed(new IllegalStateException("catch-up failed", unavailable));
      now.addAndGet(TICK);
    }
    outage.succeeded();

    assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
    ILoggingEvent warning = lines.list.get(0);
    assertThat(warning.getFormattedMessage()).startsWith("Routing catch-up failed: IllegalStateException: "
        + "catch-up failed <- UnavailableException: Not enough replicas available");
    assertThat(warning.getThrowableProxy()).as("the trace, once").isNotNull();
    assertThat(lines.list.get(1).getFormattedMessage())
        .isEqualTo("Routing catch-up works again after 43 s and 172 failed attempts");
  }

  @Test
  void aFailureThatGoesOnIsRemindedOnceAMinuteWithoutItsTrace() {
    for (int tick = 0; tick < 600; tick++) { // 150 s of ticks
      outage.failed(new IllegalStateException("down"));
      now.addAndGet(TICK);
    }
    List<ILoggingEvent> reminders = lines.list.subList(1, lines.list.size());
    assertThat(reminders).hasSize(2);
    assertThat(reminders).allSatisfy(line -> {
      assertThat(line.getLevel()).isEqualTo(Level.WARN);
      assertThat(line.getThrowableProxy()).isNull();
    });
    assertThat(reminders.get(0).getFormattedMessage())
        .isEqualTo("Routing catch-up still fails after 60 s and 241 attempts: IllegalStateException: down");
  }

  @Test
  void aSuccessWithoutFailuresLogsNothingAndANewOutageIsToldAgain() {
    outage.succeeded();
    assertThat(lines.list).isEmpty();
    outage.failed(new IllegalStateException("first"));
    outage.succeeded();
    outage.failed(new IllegalStateException("second"));
    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).hasSize(3)
        .last().asString().contains("second");
    assertThat(outage.failing()).isTrue();
  }
}
