package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rebound.correlate.SentMessageTable;
import org.rebound.store.Database;

/**
 * The start-up probe of the sending system's table, against a real database whose test creates that table under
 * names of its own; each database runs the same tests.
 */
abstract class SentMessageTableProbeContract {

    /** A sending system's table: its own names, no envelope id, and no status columns. */
    private static final SentMessageTable SENDERS = new SentMessageTable("senders_log", "msg_id", "rcpt", "campaign",
            "sent", "", "verp", "campaign");

    private HikariDataSource db;

    /** An empty database for one test. */
    abstract TestDatabase database() throws SQLException;

    @BeforeEach
    void createTheSendersTable() throws SQLException {
        TestDatabase test = database();
        db = Database.open(test.url(), test.user(), test.password(), 1, Duration.ofSeconds(5));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE senders_log (msg_id VARCHAR(255), rcpt VARCHAR(320), campaign VARCHAR(64), "
                    + "sent TIMESTAMP WITH TIME ZONE, verp VARCHAR(100))");
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aTableWithEveryConfiguredColumnPasses() {
        assertDoesNotThrow(() -> StartupProbe.requireSentMessageTable(db, SENDERS, false));
    }

    @Test
    void aMissingTableNamesTheTableSetting() {
        SentMessageTable absent = new SentMessageTable("no_such_log", "msg_id", "rcpt", "campaign", "sent", "",
                "verp", "campaign");

        SettingsException e = assertThrows(SettingsException.class,
                () -> StartupProbe.requireSentMessageTable(db, absent, false));

        assertEquals("setting " + SentMessageTable.TABLE + ": expected a table that the database user can read, got "
                + "'no_such_log'", e.getMessage().substring(0, e.getMessage().indexOf(" (")));
    }

    @Test
    void aMissingColumnNamesItsSettingAndTheColumnsThereAre() {
        SentMessageTable wrongVerp = new SentMessageTable("senders_log", "msg_id", "rcpt", "campaign", "sent", "",
                "verp_token", "campaign");

        SettingsException e = assertThrows(SettingsException.class,
                () -> StartupProbe.requireSentMessageTable(db, wrongVerp, false));

        assertEquals("setting " + SentMessageTable.VERP_TOKEN_COLUMN + ": expected a column of senders_log, whose "
                + "columns are msg_id, rcpt, campaign, sent, verp, got 'verp_token'", e.getMessage());
    }

    @Test
    void updatingTheStatusOfATableWithoutStatusColumnsNamesUpdateStatus() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> StartupProbe.requireSentMessageTable(db, SENDERS, true));

        assertEquals("setting " + SentMessageTable.UPDATE_STATUS + ": expected false, or a table with the columns "
                + "status, status_reason, status_at that it writes, got true while senders_log has no status, "
                + "status_reason, status_at", e.getMessage());
    }

    @Test
    void columnNamesAreComparedWithoutCase() {
        SentMessageTable upper = new SentMessageTable("SENDERS_LOG", "MSG_ID", "Rcpt", "campaign", "SENT", "",
                "Verp", "CAMPAIGN");

        assertDoesNotThrow(() -> StartupProbe.requireSentMessageTable(db, upper, false));
    }
}
