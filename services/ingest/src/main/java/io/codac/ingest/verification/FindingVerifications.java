package io.codac.ingest.verification;

import io.codac.ingest.verification.domain.VerificationView;
import reactor.core.publisher.Mono;

/**
 * Answers {@code GET}: reporting's timeline is the truth once it has the verification; until then
 * ingest's own accepted record proves the request exists, as {@code PENDING}. Both lookups are scoped
 * to the calling client, so another client's id is indistinguishable from an unknown one.
 */
class FindingVerifications {

    private final VerificationTimeline timeline;
    private final AcceptedVerifications accepted;

    FindingVerifications(VerificationTimeline timeline, AcceptedVerifications accepted) {
        this.timeline = timeline;
        this.accepted = accepted;
    }

    Mono<VerificationView> find(String verificationId, String clientId) {
        return timeline.find(verificationId, clientId)
                .switchIfEmpty(Mono.defer(() -> accepted.find(verificationId, clientId).map(VerificationView::pending)));
    }
}
