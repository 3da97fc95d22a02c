package io.codac.scheduler.inbound;

import io.codac.contracts.domain.VerificationStatus;
import io.codac.scheduler.inbound.domain.ExpectedCall;
import io.codac.scheduler.inbound.domain.InboundCall;
import io.codac.scheduler.inbound.domain.InboundCallRecords;
import io.r2dbc.spi.Readable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static io.codac.support.sql.SqlValues.bindNullable;
import static io.codac.support.sql.SqlValues.instant;
import static io.codac.support.sql.SqlValues.utc;

/**
 * {@link InboundCallRecords} on the {@code expected_calls} and {@code inbound_calls} tables (V5). Callers are the
 * Kafka listener threads: every method blocks until the database answered, so an offset is committed only after the
 * write is durable. A row's primary key (the verification id, the call's event id) makes a repeated write a no-op.
 */
final class R2dbcInboundCallRecords implements InboundCallRecords {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DatabaseClient db;

    R2dbcInboundCallRecords(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public void expect(ExpectedCall expected) {
        insertOnce(db.sql("INSERT INTO expected_calls (verification_id, phone_number, dial_in_number, requested_at,"
                        + " expires_at) VALUES (:id, :phone, :did, :requestedAt, :expiresAt)")
                .bind("id", expected.verificationId())
                .bind("phone", expected.phoneNumber())
                .bind("did", expected.dialInNumber())
                .bind("requestedAt", utc(expected.requestedAt()))
                .bind("expiresAt", utc(expected.expiresAt())));
    }

    @Override
    public boolean received(InboundCall call) {
        var insert = db.sql("INSERT INTO inbound_calls (event_id, caller_number, did, server_id, called_at)"
                        + " VALUES (:id, :caller, :did, :server, :calledAt)")
                .bind("id", call.eventId())
                .bind("caller", call.callerNumber())
                .bind("did", call.did());
        insert = bindNullable(insert, "server", call.serverId(), String.class);
        return insertOnce(insert.bind("calledAt", utc(call.calledAt())));
    }

    /** True when inserted, false when the row was there already (a duplicate key); anything else fails. */
    private static boolean insertOnce(DatabaseClient.GenericExecuteSpec insert) {
        try {
            insert.fetch().rowsUpdated().block(TIMEOUT);
            return true;
        } catch (DataIntegrityViolationException duplicate) {
            return false;
        }
    }

    @Override
    public List<ExpectedCall> expectedFrom(String callerNumber, int limit) {
        return db.sql("SELECT e.verification_id, e.phone_number, e.dial_in_number, e.requested_at, e.expires_at,"
                        + " v.status FROM expected_calls e JOIN verifications v ON v.id = e.verification_id"
                        + " WHERE e.phone_number = :caller ORDER BY e.requested_at DESC LIMIT " + Math.max(1, limit))
                .bind("caller", callerNumber)
                .map(R2dbcInboundCallRecords::expected)
                .all()
                .collectList()
                .block(TIMEOUT);
    }

    @Override
    public List<InboundCall> receivedFrom(String callerNumber, String did, Instant since, int limit) {
        return db.sql("SELECT event_id, caller_number, did, server_id, called_at FROM inbound_calls"
                        + " WHERE caller_number = :caller AND did = :did AND called_at >= :since"
                        + " ORDER BY called_at LIMIT " + Math.max(1, limit))
                .bind("caller", callerNumber)
                .bind("did", did)
                .bind("since", utc(since))
                .map(row -> new InboundCall(row.get("event_id", String.class), row.get("caller_number", String.class),
                        row.get("did", String.class), row.get("server_id", String.class),
                        instant(row.get("called_at", LocalDateTime.class))))
                .all()
                .collectList()
                .block(TIMEOUT);
    }

    @Override
    public long forgetBefore(Instant cutoff, int limit) {
        long calls = delete("DELETE FROM inbound_calls WHERE called_at < :cutoff LIMIT " + limit, cutoff);
        long expectations = delete("DELETE FROM expected_calls WHERE expires_at < :cutoff LIMIT " + limit, cutoff);
        return calls + expectations;
    }

    private long delete(String sql, Instant cutoff) {
        Long rows = db.sql(sql).bind("cutoff", utc(cutoff)).fetch().rowsUpdated().block(TIMEOUT);
        return rows == null ? 0 : rows;
    }

    private static ExpectedCall expected(Readable row) {
        return new ExpectedCall(
                row.get("verification_id", String.class),
                row.get("phone_number", String.class),
                row.get("dial_in_number", String.class),
                instant(row.get("requested_at", LocalDateTime.class)),
                instant(row.get("expires_at", LocalDateTime.class)),
                !VerificationStatus.valueOf(row.get("status", String.class)).isTerminal());
    }
}
