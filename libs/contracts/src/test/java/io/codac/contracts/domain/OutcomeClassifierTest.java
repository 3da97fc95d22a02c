package io.codac.contracts.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.codac.contracts.domain.OutcomeClass.INVALID;
import static io.codac.contracts.domain.OutcomeClass.OUR_SIDE_REJECTED;
import static io.codac.contracts.domain.OutcomeClass.ROUTE_FAILURE;
import static io.codac.contracts.domain.OutcomeClass.SUSPECT_INVALID;
import static io.codac.contracts.domain.OutcomeClass.UNREACHABLE;
import static io.codac.contracts.domain.OutcomeClass.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

/** The classification table of BRIEF §4, row by row. */
class OutcomeClassifierTest {

    private final OutcomeClassifier classifier = new OutcomeClassifier();

    static Stream<Arguments> table() {
        return Stream.of(
                row("ringing then our flash hang-up", CallSignal.flashHangUpAfterRinging(), VERIFIED),
                row("answered", new CallSignal(true, true, true, true, 16, 200, "ANSWER"), VERIFIED),
                row("answered without a ringing indication", new CallSignal(false, true, true, true, 16, null, null), VERIFIED),
                row("busy 486", ended(false, 17, 486), VERIFIED),
                row("busy 600", ended(false, null, 600), VERIFIED),
                row("busy cause 17 only", ended(false, 17, null), VERIFIED),
                row("busy dial status", new CallSignal(false, false, false, true, null, null, "BUSY"), VERIFIED),
                row("480 after alerting", ended(true, 19, 480), VERIFIED),
                row("cause 19 after alerting", ended(true, 19, null), VERIFIED),
                row("603 declined after alerting", ended(true, 21, 603), VERIFIED),
                row("cause 21 after alerting", ended(true, 21, null), VERIFIED),
                row("rang then remote gave up, normal clearing", ended(true, 16, null), VERIFIED),
                row("rang then no answer at ring timeout (our hang-up)", new CallSignal(true, false, true, true, 16, null, "NOANSWER"), VERIFIED),
                row("404 unallocated", ended(false, 1, 404), INVALID),
                row("485 ambiguous", ended(false, 1, 485), INVALID),
                row("604 does not exist anywhere", ended(false, 1, 604), INVALID),
                row("cause 1 only", ended(false, 1, null), INVALID),
                row("410 gone", ended(false, 22, 410), INVALID),
                row("cause 22 number changed", ended(false, 22, null), INVALID),
                row("484 address incomplete", ended(false, 28, 484), INVALID),
                row("cause 28 invalid format", ended(false, 28, null), INVALID),
                row("cause 2 no route to network", ended(false, 2, null), SUSPECT_INVALID),
                row("cause 3 no route to destination", ended(false, 3, null), SUSPECT_INVALID),
                row("cause 20 subscriber absent", ended(false, 20, null), UNREACHABLE),
                row("408 request timeout", ended(false, 18, 408), UNREACHABLE),
                row("cause 18 no user responding", ended(false, 18, null), UNREACHABLE),
                row("480 without alerting", ended(false, 19, 480), UNREACHABLE),
                row("cause 19 without alerting", ended(false, 19, null), UNREACHABLE),
                row("cause 27 destination out of order", ended(false, 27, null), UNREACHABLE),
                row("503 service unavailable", ended(false, 34, 503), ROUTE_FAILURE),
                row("cause 34 no circuit", ended(false, 34, null), ROUTE_FAILURE),
                row("cause 38 network out of order", ended(false, 38, null), ROUTE_FAILURE),
                row("cause 41 temporary failure", ended(false, 41, null), ROUTE_FAILURE),
                row("cause 42 switching congestion", ended(false, 42, null), ROUTE_FAILURE),
                row("cause 47 resource unavailable", ended(false, 47, null), ROUTE_FAILURE),
                row("cause 58 bearer unavailable", ended(false, 58, null), ROUTE_FAILURE),
                row("cause 102 recovery on timer expiry", ended(false, 102, null), ROUTE_FAILURE),
                row("500 server error", ended(false, 38, 500), ROUTE_FAILURE),
                row("502 bad gateway", ended(false, 38, 502), ROUTE_FAILURE),
                row("504 gateway timeout", ended(false, 102, 504), ROUTE_FAILURE),
                row("CONGESTION dial status", new CallSignal(false, false, false, true, null, null, "CONGESTION"), ROUTE_FAILURE),
                row("CHANUNAVAIL dial status", new CallSignal(false, false, false, false, null, null, "CHANUNAVAIL"), ROUTE_FAILURE),
                row("no provisional reply at all", new CallSignal(false, false, true, false, 16, null, "NOANSWER"), ROUTE_FAILURE),
                row("401 before alerting", ended(false, 21, 401), OUR_SIDE_REJECTED),
                row("403 before alerting", ended(false, 21, 403), OUR_SIDE_REJECTED),
                row("407 before alerting", ended(false, 21, 407), OUR_SIDE_REJECTED),
                row("cause 21 before alerting, no SIP code", ended(false, 21, null), OUR_SIDE_REJECTED),
                row("unknown cause, nothing else known", ended(false, 99, null), ROUTE_FAILURE));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("table")
    void classifiesEveryRowOfTheBriefTable(String signalName, CallSignal signal, OutcomeClass expected) {
        assertThat(classifier.classify(signal)).as(signalName).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void onlyRouteLevelClassesStrikeTheRoute(String signalName, CallSignal signal, OutcomeClass expected) {
        OutcomeClass outcome = classifier.classify(signal);
        assertThat(outcome.isRouteStrike()).isEqualTo(outcome == ROUTE_FAILURE || outcome == OUR_SIDE_REJECTED);
    }

    private static CallSignal ended(boolean alerted, Integer cause, Integer sip) {
        return new CallSignal(alerted, false, false, true, cause, sip, null);
    }

    private static Arguments row(String name, CallSignal signal, OutcomeClass expected) {
        return Arguments.of(name, signal, expected);
    }
}
