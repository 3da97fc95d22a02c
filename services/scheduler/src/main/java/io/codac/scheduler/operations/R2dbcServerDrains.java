package io.codac.scheduler.operations;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static io.codac.support.sql.SqlValues.bindNullable;
import static io.codac.support.sql.SqlValues.utc;

/** {@link ServerDrains} on the {@code server_drains} table; every call blocks until the database answered. */
public final class R2dbcServerDrains implements ServerDrains {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DatabaseClient db;

    public R2dbcServerDrains(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public boolean drain(String serverId, Instant at, String reason) {
        var insert = db.sql("INSERT INTO server_drains (server_id, drained_at, reason) VALUES (:id, :at, :reason)")
                .bind("id", serverId)
                .bind("at", utc(at));
        insert = bindNullable(insert, "reason", reason == null || reason.length() <= 255 ? reason
                : reason.substring(0, 255), String.class);
        try {
            insert.fetch().rowsUpdated().block(TIMEOUT);
            return true;
        } catch (DataIntegrityViolationException alreadyDrained) {
            return false;
        }
    }

    @Override
    public boolean resume(String serverId) {
        Long rows = db.sql("DELETE FROM server_drains WHERE server_id = :id")
                .bind("id", serverId)
                .fetch().rowsUpdated()
                .block(TIMEOUT);
        return rows != null && rows > 0;
    }

    @Override
    public Set<String> drained() {
        return new HashSet<>(db.sql("SELECT server_id FROM server_drains")
                .map(row -> row.get("server_id", String.class))
                .all()
                .collectList()
                .block(TIMEOUT));
    }
}
