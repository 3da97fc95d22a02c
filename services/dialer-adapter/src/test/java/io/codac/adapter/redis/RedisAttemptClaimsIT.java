package io.codac.adapter.redis;

import io.codac.adapter.dialing.AttemptClaims.ClaimOutcome;
import io.codac.adapter.dialing.AttemptClaims.HandBackOutcome;
import io.codac.adapter.reconcile.domain.OpenAttempt;
import io.codac.contracts.event.CallLeg;
import io.codac.support.RedisKeys;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim scripts on a real Redis: one claim per attempt fleet-wide, and never both a claim and a hand-back. */
class RedisAttemptClaimsIT {

    private final Infrastructure infra = Infrastructure.shared();
    private final TestNamespace namespace = infra.newNamespace();
    private final JedisPooled redis = new JedisPooled(URI.create(infra.redisUrl()));
    private final RedisKeys keys = new RedisKeys(namespace.redisKeyPrefix());
    private final RedisAttemptClaims srv1 = new RedisAttemptClaims(redis, keys, "srv1", Duration.ofMinutes(5));
    private final RedisAttemptClaims srv2 = new RedisAttemptClaims(redis, keys, "srv2", Duration.ofMinutes(5));

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void theFirstClaimWinsAndNamesItsServerWithAnExpiry() {
        assertThat(srv1.claim(attempt("att-1"))).isEqualTo(ClaimOutcome.CLAIMED);
        assertThat(srv1.claim(attempt("att-1"))).isEqualTo(ClaimOutcome.ALREADY_CLAIMED);
        assertThat(srv2.claim(attempt("att-1"))).isEqualTo(ClaimOutcome.ALREADY_CLAIMED);

        String key = namespace.redisKeyPrefix() + "claim:att-1";
        assertThat(redis.get(key)).isEqualTo("srv1");
        assertThat(redis.pttl(key)).isBetween(1L, Duration.ofMinutes(5).toMillis());
    }

    @Test
    void aClaimRecordsTheAttemptOpenForItsServerInTheSameStepAndADuplicateChangesNothing() {
        var srv1Open = new RedisOpenAttempts(redis, keys, "srv1");
        var srv2Open = new RedisOpenAttempts(redis, keys, "srv2");
        OpenAttempt attempt = attempt("att-1");

        assertThat(srv1.claim(attempt)).isEqualTo(ClaimOutcome.CLAIMED);
        assertThat(srv1Open.all()).containsExactly(attempt);

        var duplicate = new OpenAttempt(attempt.identity(), 99, attempt.placedAt().plusSeconds(5));
        assertThat(srv1.claim(duplicate)).isEqualTo(ClaimOutcome.ALREADY_CLAIMED);
        assertThat(srv2.claim(duplicate)).isEqualTo(ClaimOutcome.ALREADY_CLAIMED);
        assertThat(srv1Open.all()).containsExactly(attempt);
        assertThat(srv2Open.all()).isEmpty();

        srv1Open.forget("att-1");
        assertThat(srv1Open.all()).isEmpty();
    }

    @Test
    void aRefusedClaimRecordsNothingOpen() {
        srv1.markHandedBack("att-2");

        assertThat(srv1.claim(attempt("att-2"))).isEqualTo(ClaimOutcome.HANDED_BACK_EARLIER);
        assertThat(new RedisOpenAttempts(redis, keys, "srv1").all()).isEmpty();
    }

    @Test
    void anAttemptHandedBackIsNeverClaimedByTheSameServerButMayBeByAnother() {
        assertThat(srv1.markHandedBack("att-1")).isEqualTo(HandBackOutcome.MARKED);

        assertThat(srv1.claim(attempt("att-1"))).isEqualTo(ClaimOutcome.HANDED_BACK_EARLIER);
        assertThat(srv2.claim(attempt("att-1"))).isEqualTo(ClaimOutcome.CLAIMED);
    }

    @Test
    void aClaimedAttemptIsNeverHandedBack() {
        srv1.claim(attempt("att-1"));

        assertThat(srv1.markHandedBack("att-1")).isEqualTo(HandBackOutcome.ALREADY_CLAIMED);
        assertThat(srv2.markHandedBack("att-1")).isEqualTo(HandBackOutcome.ALREADY_CLAIMED);
    }

    @Test
    void manyConcurrentClaimsOfOneAttemptHaveExactlyOneWinner() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ClaimOutcome>> claims = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                RedisAttemptClaims claimer = i % 2 == 0 ? srv1 : srv2;
                claims.add(() -> claimer.claim(attempt("att-race")));
            }
            long winners = 0;
            for (Future<ClaimOutcome> outcome : pool.invokeAll(claims)) {
                winners += outcome.get() == ClaimOutcome.CLAIMED ? 1 : 0;
            }
            assertThat(winners).isOne();
        } finally {
            pool.shutdownNow();
        }
    }

    private static OpenAttempt attempt(String attemptId) {
        return new OpenAttempt(new CallLeg(attemptId, "ver-" + attemptId, "+919812345678", "trunk-a", "srv1"), 20,
                Instant.parse("2026-11-22T10:00:00Z"));
    }
}
