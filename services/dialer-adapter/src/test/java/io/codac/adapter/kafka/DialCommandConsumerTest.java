package io.codac.adapter.kafka;

import io.codac.contracts.event.DialCommand;
import io.codac.contracts.json.UndecodableEventException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialCommandConsumerTest {

    private static DialCommand command(String attemptId, String number, String trunkId) {
        return new DialCommand("cmd-1", Instant.now(), attemptId, "ver-1", number, trunkId, "srv1", 1, null, 20, null);
    }

    @Test
    void aCompleteCommandIsDialable() {
        var command = command("att-1", "+33612345678", "srv1-t1");

        assertThat(DialCommandConsumer.requireDialable(command)).isSameAs(command);
    }

    @Test
    void aCommandWithoutAttemptNumberOrTrunkIsPoisonForTheDeadLetterTopic() {
        assertThatThrownBy(() -> DialCommandConsumer.requireDialable(command(null, "+33612345678", "srv1-t1")))
                .isInstanceOf(UndecodableEventException.class);
        assertThatThrownBy(() -> DialCommandConsumer.requireDialable(command("att-1", " ", "srv1-t1")))
                .isInstanceOf(UndecodableEventException.class);
        assertThatThrownBy(() -> DialCommandConsumer.requireDialable(command("att-1", "+33612345678", null)))
                .isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void aCommandWhoseNumberIsNotE164IsPoisonAndNeverReachesADialString() {
        assertThatThrownBy(() -> DialCommandConsumer.requireDialable(
                command("att-1", "+33612345678&PJSIP/+4930123456@srv1-t1", "srv1-t1")))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("not an E.164 number")
                .hasMessageNotContaining("612345678");
        assertThatThrownBy(() -> DialCommandConsumer.requireDialable(command("att-1", "0612345678", "srv1-t1")))
                .isInstanceOf(UndecodableEventException.class);
    }
}
