package io.codac.reporting.partner.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerTopicTest {

    @Test
    void aClientsResultsGoToItsOwnNamespacedTopic() {
        assertThat(PartnerTopic.of("", "acme-shop")).contains("codac.results.acme-shop.v1");
        assertThat(PartnerTopic.of(null, "acme_shop.eu")).contains("codac.results.acme_shop.eu.v1");
        assertThat(PartnerTopic.of("t1234.", "acme")).contains("t1234.codac.results.acme.v1");
    }

    @Test
    void aClientIdThatCannotNameATopicGetsNone() {
        assertThat(PartnerTopic.of("", "acme shop")).isEmpty();
        assertThat(PartnerTopic.of("", "acme/shop")).isEmpty();
        assertThat(PartnerTopic.of("", "")).isEmpty();
        assertThat(PartnerTopic.of("", null)).isEmpty();
        assertThat(PartnerTopic.of("", "x".repeat(240))).isEmpty();
    }
}
