package io.codac.adapter.ari;

import ch.loway.oss.ari4java.AriVersion;
import io.codac.adapter.dialing.Switchboard.OriginateRequest;
import io.codac.adapter.dialing.Switchboard.OriginateResult;
import io.codac.contracts.domain.AriEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an originate's failure tells the adapter: only the server's own HTTP error is a refusal. */
class AriSwitchboardTest {

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 422, 500, 501, 503})
    void anHttpErrorFromTheServerIsARefusal(int status) {
        assertThat(AriSwitchboard.answered(status, "Allocation failed"))
                .isEqualTo(new OriginateResult.Refused(status, "Allocation failed"));
    }

    @Test
    void aConflictIsTheAttemptsOwnChannelAlreadyDialing() {
        assertThat(AriSwitchboard.answered(409, "Channel with given unique ID already exists"))
                .isInstanceOf(OriginateResult.AlreadyExists.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 502, 504, 302})
    void noAnswerOrAGatewaysAnswerLeavesTheOutcomeUnknown(int status) {
        assertThat(AriSwitchboard.answered(status, "No HTTP Status and Response, timeout or client shutdown"))
                .isInstanceOf(OriginateResult.OutcomeUnknown.class);
    }

    @Test
    void anOriginateThatCannotReachTheServerIsReportedUnknownNotFailed() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (var switchboard = new AriSwitchboard("srv1",
                new AriEndpoint("http://127.0.0.1:" + closedPort + "/", "codac", "codac", "codac"),
                AriVersion.ARI_8_0_0)) {

            OriginateResult result = switchboard.originate(new OriginateRequest("att-1",
                    "PJSIP/+33612345678@srv1-t1", "codac", null, 20, Map.of()));

            assertThat(result).isInstanceOf(OriginateResult.OutcomeUnknown.class);
        }
    }
}
