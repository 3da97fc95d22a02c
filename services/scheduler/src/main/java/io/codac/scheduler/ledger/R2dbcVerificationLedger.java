package io.codac.scheduler.ledger;

import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.json.EventCodec;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.AttemptStatus;
import io.codac.scheduler.verification.domain.NewAttemptOutcome;
import io.codac.scheduler.verification.domain.PartitionScope;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;
import io.codac.support.sql.SqlValues;
import io.r2dbc.spi.Readable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.codac.support.sql.SqlValues.bindNullable;
import static io.codac.support.sql.SqlValues.instant;
import static io.codac.support.sql.SqlValues.utc;

/**
 * {@link VerificationLedger} on the {@code verifications}, {@code attempts} and {@code live_numbers} tables.
 * Callers are Kafka listener threads and the sweep: every method blocks until the database answered, so a
 * listener commits its offset only after the write is durable. Times are stored as UTC {@code DATETIME(3)},
 * whatever the session time zone.
 *
 * <p>{@code live_numbers} has the number as its primary key: recording an attempt inserts its row in the same
 * transaction, so of two attempts on one number (two verifications, any threads or instances) the second
 * meets a duplicate key — or waits on the first's uncommitted row, then meets it — and its whole transaction is
 * rolled back. Finishing an attempt deletes the row by attempt id in the transaction that finishes it.
 *
 * <p>{@code attempts.dial_command} is the outbox (ADR 0007): the command's JSON, written with the attempt,
 * {@code command_sent_at} set once the broker acknowledged it.
 */
public final class R2dbcVerificationLedger implements VerificationLedger {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String VERIFICATION_COLUMNS = "id, client_id, phone_number, method, status, reason, requested_at,"
            + " expires_at, attempts_made, next_attempt_at, completed_at, version";
    private static final String ATTEMPT_COLUMNS = "attempt_id, verification_id, attempt_number, trunk_id, server_id,"
            + " status, placed_at, ended_at, outcome, q850_cause, alerted";
    private static final String LIVE_STATUSES = Arrays.stream(AttemptStatus.values())
            .filter(AttemptStatus::isLive)
            .map(status -> "'" + status.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));
    private static final String TERMINAL_STATUSES = Arrays.stream(VerificationStatus.values())
            .filter(VerificationStatus::isTerminal)
            .map(status -> "'" + status.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));
    private static final String FOLLOW_UP_STATUSES = Arrays.stream(VerificationStatus.values())
            .filter(status -> status != VerificationStatus.PENDING)
            .map(status -> "'" + status.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    /** Signals, inside a transaction, that a row was not in the state the change was computed from. */
    private static final class Stale extends RuntimeException {
        Stale() {
            super(null, null, false, false);
        }
    }

    /** Signals, inside a transaction, that the number is held by another live attempt. */
    private static final class NumberBusy extends RuntimeException {
        NumberBusy() {
            super(null, null, false, false);
        }
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final EventCodec codec;

    public R2dbcVerificationLedger(DatabaseClient db, TransactionalOperator tx, EventCodec codec) {
        this.db = db;
        this.tx = tx;
        this.codec = codec;
    }

    @Override
    public boolean register(Verification v, Integer partition) {
        var insert = bindRow(new SqlValues.Bindings(), "", v, partition).to(db.sql("INSERT INTO verifications ("
                + VERIFICATION_COLUMNS + ", partition_id) VALUES (:id, :clientId, :phone, :method, :status, :reason,"
                + " :requestedAt, :expiresAt, :attempts, :nextAt, :completedAt, :version, :partition)"));
        try {
            insert.fetch().rowsUpdated().block(TIMEOUT);
            return true;
        } catch (DataIntegrityViolationException duplicate) {
            if (find(v.id()).isPresent()) {
                return false;
            }
            throw duplicate;
        }
    }

    /**
     * Two statements whatever the count: the ids already known are read, the others inserted in one multi-row
     * insert. Should that meet a duplicate all the same (another instance registering in a rebalance's moment), each
     * is registered on its own.
     */
    @Override
    public List<Verification> registerAll(List<Registration> registrations) {
        if (registrations.size() <= 1) {
            return VerificationLedger.super.registerAll(registrations);
        }
        Map<String, Registration> byId = new LinkedHashMap<>();
        registrations.forEach(r -> byId.putIfAbsent(r.verification().id(), r));
        Set<String> known = new HashSet<>(db.sql("SELECT id FROM verifications WHERE id IN (:ids)")
                .bind("ids", List.copyOf(byId.keySet()))
                .map(row -> row.get("id", String.class))
                .all()
                .collectList()
                .block(TIMEOUT));
        List<Registration> fresh = byId.values().stream().filter(r -> !known.contains(r.verification().id())).toList();
        if (fresh.isEmpty()) {
            return List.of();
        }
        try {
            insertAll(fresh).fetch().rowsUpdated().block(TIMEOUT);
        } catch (DataIntegrityViolationException duplicate) {
            return VerificationLedger.super.registerAll(fresh);
        }
        return fresh.stream().map(Registration::verification).toList();
    }

    private DatabaseClient.GenericExecuteSpec insertAll(List<Registration> fresh) {
        StringBuilder sql = new StringBuilder("INSERT INTO verifications (" + VERIFICATION_COLUMNS + ", partition_id) VALUES ");
        for (int i = 0; i < fresh.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(String.format("(:id%1$d, :clientId%1$d, :phone%1$d, :method%1$d,"
                    + " :status%1$d, :reason%1$d, :requestedAt%1$d, :expiresAt%1$d, :attempts%1$d, :nextAt%1$d,"
                    + " :completedAt%1$d, :version%1$d, :partition%1$d)", i));
        }
        var rows = new SqlValues.Bindings();
        for (int i = 0; i < fresh.size(); i++) {
            bindRow(rows, String.valueOf(i), fresh.get(i).verification(), fresh.get(i).partition());
        }
        return rows.to(db.sql(sql.toString()));
    }

    /** Adds one verification's row to the insert's parameters, named with {@code suffix}. */
    private static SqlValues.Bindings bindRow(SqlValues.Bindings row, String suffix, Verification v, Integer partition) {
        return row.value("id" + suffix, v.id())
                .value("clientId" + suffix, v.clientId())
                .value("phone" + suffix, v.phoneNumber())
                .value("method" + suffix, v.method().name())
                .value("status" + suffix, v.status().name())
                .nullable("reason" + suffix, v.reason(), String.class)
                .value("requestedAt" + suffix, utc(v.requestedAt()))
                .value("expiresAt" + suffix, utc(v.expiresAt()))
                .value("attempts" + suffix, v.attemptsMade())
                .nullable("nextAt" + suffix, utc(v.nextAttemptAt()), LocalDateTime.class)
                .nullable("completedAt" + suffix, utc(v.completedAt()), LocalDateTime.class)
                .value("version" + suffix, v.version())
                .nullable("partition" + suffix, partition, Integer.class);
    }

    @Override
    public Optional<Verification> find(String verificationId) {
        return db.sql("SELECT " + VERIFICATION_COLUMNS + " FROM verifications WHERE id = :id")
                .bind("id", verificationId)
                .map(R2dbcVerificationLedger::verification)
                .one()
                .blockOptional(TIMEOUT);
    }

    @Override
    public Optional<Attempt> findAttempt(String attemptId) {
        return db.sql("SELECT " + ATTEMPT_COLUMNS + " FROM attempts WHERE attempt_id = :id")
                .bind("id", attemptId)
                .map(R2dbcVerificationLedger::attempt)
                .one()
                .blockOptional(TIMEOUT);
    }

    @Override
    public List<Attempt> attemptsOf(String verificationId) {
        return db.sql("SELECT " + ATTEMPT_COLUMNS + " FROM attempts WHERE verification_id = :id"
                        + " ORDER BY placed_at, attempt_number")
                .bind("id", verificationId)
                .map(R2dbcVerificationLedger::attempt)
                .all()
                .collectList()
                .block(TIMEOUT);
    }

    @Override
    public List<Verification> dueFollowUps(Instant now, int limit, PartitionScope scope) {
        return dueIn(FOLLOW_UP_STATUSES, now, limit, scope);
    }

    @Override
    public List<Verification> duePending(Instant now, int limit, PartitionScope scope) {
        return dueIn("('" + VerificationStatus.PENDING.name() + "')", now, limit, scope);
    }

    /** One index range (status, partition, next_attempt_at) per status, so another status's queue is never scanned. */
    private List<Verification> dueIn(String statuses, Instant now, int limit, PartitionScope scope) {
        if (scope.isEmpty()) {
            return List.of();
        }
        return db.sql("SELECT " + VERIFICATION_COLUMNS + " FROM verifications WHERE status IN " + statuses
                        + inScope("", scope)
                        + " AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT " + Math.max(1, limit))
                .bind("now", utc(now))
                .map(R2dbcVerificationLedger::verification)
                .all()
                .collectList()
                .block(TIMEOUT);
    }

    @Override
    public List<Verification> queued(int limit, PartitionScope scope) {
        return queuedWhere("", null, limit, scope);
    }

    @Override
    public List<Verification> queuedExpired(Instant now, int limit, PartitionScope scope) {
        return queuedWhere(" AND expires_at <= :now", now, limit, scope);
    }

    private List<Verification> queuedWhere(String condition, Instant now, int limit, PartitionScope scope) {
        if (scope.isEmpty()) {
            return List.of();
        }
        var select = db.sql("SELECT " + VERIFICATION_COLUMNS + " FROM verifications WHERE status = '"
                + VerificationStatus.PENDING.name() + "'" + inScope("", scope) + " AND next_attempt_at IS NULL"
                + condition + " ORDER BY requested_at LIMIT " + Math.max(1, limit));
        if (now != null) {
            select = select.bind("now", utc(now));
        }
        return select.map(R2dbcVerificationLedger::verification).all().collectList().block(TIMEOUT);
    }

    @Override
    public List<Attempt> liveAttempts(PartitionScope scope) {
        if (scope.isEmpty()) {
            return List.of();
        }
        return db.sql("SELECT " + prefixed("a.", ATTEMPT_COLUMNS) + " FROM attempts a"
                        + " JOIN verifications v ON v.id = a.verification_id"
                        + " WHERE a.status IN " + LIVE_STATUSES + inScope("v.", scope))
                .map(R2dbcVerificationLedger::attempt)
                .all()
                .collectList()
                .block(TIMEOUT);
    }

    @Override
    public List<Attempt> overdueLiveAttempts(Instant now, int limit, PartitionScope scope) {
        if (scope.isEmpty()) {
            return List.of();
        }
        return db.sql("SELECT " + prefixed("a.", ATTEMPT_COLUMNS) + " FROM live_numbers l"
                        + " JOIN attempts a ON a.attempt_id = l.attempt_id"
                        + " JOIN verifications v ON v.id = a.verification_id"
                        + " WHERE l.presumed_lost_at <= :now AND a.status IN " + LIVE_STATUSES + inScope("v.", scope)
                        + " ORDER BY l.presumed_lost_at LIMIT " + Math.max(1, limit))
                .bind("now", utc(now))
                .map(R2dbcVerificationLedger::attempt)
                .all()
                .collectList()
                .block(TIMEOUT);
    }

    @Override
    public Optional<Verification> save(Verification changed) {
        return update(changed)
                .onErrorResume(Stale.class, stale -> Mono.empty())
                .blockOptional(TIMEOUT);
    }

    @Override
    public NewAttemptOutcome saveWithNewAttempt(Verification changed, Attempt placed, DialCommand command) {
        if (changed.nextAttemptAt() == null) {
            throw new IllegalArgumentException("verification " + changed.id() + " placed without a time to presume"
                    + " its attempt lost");
        }
        if (!command.attemptId().equals(placed.attemptId())) {
            throw new IllegalArgumentException("dial command " + command.eventId() + " is for attempt "
                    + command.attemptId() + ", not " + placed.attemptId());
        }
        String json = codec.encode(command);
        return tx.transactional(update(changed)
                        .flatMap(saved -> holdNumber(changed, placed).then(insert(placed, json)).thenReturn(saved)))
                .<NewAttemptOutcome>map(NewAttemptOutcome.Recorded::new)
                .onErrorResume(Stale.class, stale -> Mono.just(new NewAttemptOutcome.VerificationChanged()))
                .onErrorResume(NumberBusy.class, busy -> Mono.just(new NewAttemptOutcome.NumberInCall()))
                .block(TIMEOUT);
    }

    @Override
    public void resultsPublished(Collection<String> verificationIds) {
        if (verificationIds.isEmpty()) {
            return;
        }
        db.sql("UPDATE verifications SET next_attempt_at = NULL, version = version + 1 WHERE id IN (:ids)"
                        + " AND status IN " + TERMINAL_STATUSES + " AND next_attempt_at IS NOT NULL")
                .bind("ids", List.copyOf(verificationIds))
                .fetch().rowsUpdated()
                .block(TIMEOUT);
    }

    @Override
    public void commandsSent(Collection<String> attemptIds, Instant at) {
        if (attemptIds.isEmpty()) {
            return;
        }
        db.sql("UPDATE attempts SET command_sent_at = :at WHERE attempt_id IN (:ids) AND command_sent_at IS NULL")
                .bind("at", utc(at))
                .bind("ids", List.copyOf(attemptIds))
                .fetch().rowsUpdated()
                .block(TIMEOUT);
    }

    @Override
    public List<DialCommand> unsentCommands(Instant placedBefore, int limit, PartitionScope scope) {
        if (scope.isEmpty()) {
            return List.of();
        }
        return db.sql("SELECT a.dial_command FROM attempts a JOIN verifications v ON v.id = a.verification_id"
                        + " WHERE a.status = '" + AttemptStatus.PLACED.name() + "' AND a.command_sent_at IS NULL"
                        + " AND a.placed_at < :before" + inScope("v.", scope)
                        + " ORDER BY a.placed_at LIMIT " + Math.max(1, limit))
                .bind("before", utc(placedBefore))
                .map(row -> row.get("dial_command", String.class))
                .all()
                .filter(json -> json != null && !json.isBlank())
                .map(json -> codec.decode(json, DialCommand.class))
                .collectList()
                .block(TIMEOUT);
    }

    @Override
    public Optional<Verification> saveWithFinishedAttempt(Verification changed, Attempt finished) {
        return tx.transactional(finish(finished).then(update(changed)))
                .onErrorResume(Stale.class, stale -> Mono.empty())
                .blockOptional(TIMEOUT);
    }

    @Override
    public boolean finishAttempt(Attempt finished) {
        return Boolean.TRUE.equals(tx.transactional(finish(finished).thenReturn(true))
                .onErrorResume(Stale.class, stale -> Mono.just(false))
                .block(TIMEOUT));
    }

    @Override
    public boolean saveProgress(Attempt progressed, AttemptStatus readInStatus) {
        Long rows = db.sql("UPDATE attempts SET status = :status, alerted = :alerted"
                        + " WHERE attempt_id = :id AND status = :readIn")
                .bind("status", progressed.status().name())
                .bind("alerted", progressed.alerted())
                .bind("id", progressed.attemptId())
                .bind("readIn", readInStatus.name())
                .fetch().rowsUpdated()
                .block(TIMEOUT);
        return rows != null && rows == 1;
    }

    /** Writes every mutable column and bumps the version, if the row still has the version {@code changed} was read at. */
    private Mono<Verification> update(Verification changed) {
        var spec = db.sql("UPDATE verifications SET status = :status, reason = :reason, attempts_made = :attempts,"
                        + " next_attempt_at = :nextAt, completed_at = :completedAt, version = version + 1"
                        + " WHERE id = :id AND version = :version")
                .bind("status", changed.status().name());
        spec = bindNullable(spec, "reason", truncate(changed.reason(), 255), String.class);
        spec = spec.bind("attempts", changed.attemptsMade());
        spec = bindNullable(spec, "nextAt", utc(changed.nextAttemptAt()), LocalDateTime.class);
        spec = bindNullable(spec, "completedAt", utc(changed.completedAt()), LocalDateTime.class);
        return spec.bind("id", changed.id())
                .bind("version", changed.version())
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 1 ? Mono.just(changed.withVersion(changed.version() + 1)) : Mono.error(new Stale()));
    }

    private Mono<Void> insert(Attempt a, String dialCommand) {
        return db.sql("INSERT INTO attempts (" + ATTEMPT_COLUMNS + ", dial_command) VALUES (:id, :verificationId,"
                        + " :number, :trunk, :server, :status, :placedAt, NULL, NULL, NULL, :alerted, :command)")
                .bind("id", a.attemptId())
                .bind("verificationId", a.verificationId())
                .bind("number", a.attemptNumber())
                .bind("trunk", a.trunkId())
                .bind("server", a.serverId())
                .bind("status", a.status().name())
                .bind("placedAt", utc(a.placedAt()))
                .bind("alerted", a.alerted())
                .bind("command", dialCommand)
                .fetch().rowsUpdated()
                .then();
    }

    /** The attempt takes the number; {@link NumberBusy} if another attempt holds it (the transaction rolls back). */
    private Mono<Void> holdNumber(Verification changed, Attempt placed) {
        return db.sql("INSERT INTO live_numbers (phone_number, attempt_id, verification_id, since, presumed_lost_at)"
                        + " VALUES (:phone, :attemptId, :verificationId, :since, :presumedLostAt)")
                .bind("phone", changed.phoneNumber())
                .bind("attemptId", placed.attemptId())
                .bind("verificationId", placed.verificationId())
                .bind("since", utc(placed.placedAt()))
                .bind("presumedLostAt", utc(changed.nextAttemptAt()))
                .fetch().rowsUpdated()
                .onErrorMap(DataIntegrityViolationException.class, duplicate -> new NumberBusy())
                .then();
    }

    /** Releases the number, if this attempt holds it (by attempt id: a stale finish can never free another's hold). */
    private Mono<Void> releaseNumber(Attempt finished) {
        return db.sql("DELETE FROM live_numbers WHERE attempt_id = :id")
                .bind("id", finished.attemptId())
                .fetch().rowsUpdated()
                .then();
    }

    /**
     * Records the attempt's end and releases its number, only if it is still live: a repeated end signals
     * {@link Stale}. Callers run it in a transaction.
     */
    private Mono<Void> finish(Attempt finished) {
        var spec = db.sql("UPDATE attempts SET status = :status, ended_at = :endedAt, outcome = :outcome,"
                        + " q850_cause = :cause, alerted = :alerted WHERE attempt_id = :id AND status IN " + LIVE_STATUSES)
                .bind("status", finished.status().name());
        spec = bindNullable(spec, "endedAt", utc(finished.endedAt()), LocalDateTime.class);
        spec = bindNullable(spec, "outcome", finished.outcome() == null ? null : finished.outcome().name(), String.class);
        spec = bindNullable(spec, "cause", finished.q850Cause(), Integer.class);
        return spec.bind("alerted", finished.alerted())
                .bind("id", finished.attemptId())
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 1 ? Mono.just(rows) : Mono.error(new Stale()))
                .then(releaseNumber(finished));
    }

    /** The scope as a SQL condition on {@code <alias>partition_id}; partitions are integers, safe to inline. */
    private static String inScope(String alias, PartitionScope scope) {
        if (scope.all()) {
            return "";
        }
        return " AND (" + alias + "partition_id IS NULL OR " + alias + "partition_id IN "
                + scope.partitions().stream().sorted().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"))
                + ")";
    }

    private static String prefixed(String prefix, String columns) {
        return Arrays.stream(columns.split(",\\s*")).map(column -> prefix + column).collect(Collectors.joining(", "));
    }

    private static Verification verification(Readable row) {
        return new Verification(
                row.get("id", String.class),
                row.get("client_id", String.class),
                row.get("phone_number", String.class),
                VerificationMethod.valueOf(row.get("method", String.class)),
                VerificationStatus.valueOf(row.get("status", String.class)),
                row.get("reason", String.class),
                instant(row.get("requested_at", LocalDateTime.class)),
                instant(row.get("expires_at", LocalDateTime.class)),
                number(row.get("attempts_made")).intValue(),
                instant(row.get("next_attempt_at", LocalDateTime.class)),
                instant(row.get("completed_at", LocalDateTime.class)),
                number(row.get("version")).longValue());
    }

    private static Attempt attempt(Readable row) {
        String outcome = row.get("outcome", String.class);
        Object cause = row.get("q850_cause");
        return new Attempt(
                row.get("attempt_id", String.class),
                row.get("verification_id", String.class),
                number(row.get("attempt_number")).intValue(),
                row.get("trunk_id", String.class),
                row.get("server_id", String.class),
                AttemptStatus.valueOf(row.get("status", String.class)),
                instant(row.get("placed_at", LocalDateTime.class)),
                instant(row.get("ended_at", LocalDateTime.class)),
                outcome == null ? null : OutcomeClass.valueOf(outcome),
                cause == null ? null : number(cause).intValue(),
                bool(row.get("alerted")));
    }

    private static Number number(Object value) {
        if (value instanceof Number n) {
            return n;
        }
        throw new IllegalStateException("expected a number from the ledger, got " + value);
    }

    /** {@code BOOLEAN} is {@code TINYINT(1)}: drivers hand it back as a boolean or as a small number. */
    private static boolean bool(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Number n -> n.intValue() != 0;
            case null -> false;
            default -> throw new IllegalStateException("expected a boolean from the ledger, got " + value);
        };
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
