package io.codac.scheduler.verification;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.codac.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ThrottledWarningTest {

    private final MutableClock clock = MutableClock.atNoon();
    private final Logger log = (Logger) LoggerFactory.getLogger("throttled-warning-test");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final ThrottledWarning warning = new ThrottledWarning(Duration.ofSeconds(5), clock);

    @BeforeEach
    void capture() {
        log.setLevel(Level.DEBUG);
        log.addAppender(logged);
        logged.start();
    }

    @AfterEach
    void release() {
        log.detachAppender(logged);
    }

    @Test
    void aRepeatingWarningIsLoggedOncePerIntervalWithHowManyWereLeftOut() {
        var cause = new IllegalStateException("database unavailable");
        assertThat(warning.warn(log, "could not place v1", cause)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(warning.warn(log, "could not place v2", cause)).isFalse();
        assertThat(warning.warn(log, "could not place v3", cause)).isFalse();
        clock.advance(Duration.ofSeconds(4));
        assertThat(warning.warn(log, "could not place v4", cause)).isTrue();

        assertThat(logged.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage).containsExactly(
                tuple(Level.WARN, "could not place v1"),
                tuple(Level.DEBUG, "could not place v2"),
                tuple(Level.DEBUG, "could not place v3"),
                tuple(Level.WARN, "could not place v4 (2 more like it in the last 5 s)"));
        assertThat(logged.list.getFirst().getThrowableProxy().getMessage()).isEqualTo("database unavailable");
    }

    @Test
    void theIntervalMustNotBeNegative() {
        assertThatThrownBy(() -> new ThrottledWarning(Duration.ofSeconds(-1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
