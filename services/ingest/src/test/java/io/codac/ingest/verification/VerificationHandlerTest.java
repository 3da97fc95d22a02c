package io.codac.ingest.verification;

import io.codac.ingest.verification.domain.Rejection;
import io.codac.ingest.web.ProblemCode;
import io.codac.ingest.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerificationHandlerTest {

    @Test
    void everyRejectionBecomesTheProblemOfTheSameNameWithItsField() {
        for (Rejection.Reason reason : Rejection.Reason.values()) {
            ProblemException problem = VerificationHandler.problem(new Rejection(reason, "phoneNumber", "why"));

            assertThat(problem.code()).isEqualTo(ProblemCode.valueOf(reason.name()));
            assertThat(problem.field()).isEqualTo("phoneNumber");
            assertThat(problem.getMessage()).isEqualTo("why");
        }
    }

    @Test
    void theRequestBodyFieldsAreTheDocumentedOnes() {
        assertThat(VerificationBodyReader.FIELDS).containsExactlyInAnyOrder(
                "phoneNumber", "defaultRegion", "method", "clientRef", "callbackUrl", "ttlSeconds", "metadata");
    }
}
