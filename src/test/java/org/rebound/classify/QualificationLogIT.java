package org.rebound.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.rebound.dsn.RecipientStatus;

/**
 * The qualification log on the two databases Rebound supports: an embedded H2 and PostgreSQL (the local server at
 * 127.0.0.1:5432, database test, schema classify_test; skipped when it is not running). Flyway runs the real
 * migration on each.
 */
class QualificationLogIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("h2"), Arguments.of("postgresql"));
    }

    private static int h2Count;

    private static DataSource database(String name) throws SQLException {
        if (name.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:qualification" + (h2Count++) + ";DB_CLOSE_DELAY=-1");
            return migrated(h2, "PUBLIC");
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        pg.setUser("postgres");
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS classify_test CASCADE");
            s.execute("CREATE SCHEMA classify_test");
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL at 127.0.0.1:5432 not available: " + e.getMessage());
        }
        pg.setCurrentSchema("classify_test");
        return migrated(pg, "classify_test");
    }

    private static DataSource migrated(DataSource ds, String schema) {
        Flyway.configure().dataSource(ds).schemas(schema).locations("classpath:db/migration").load().migrate();
        return ds;
    }

    private static Explanation byStatusCodeOnly() {
        Rule fallback = ShippedRules.book().rule("status-user-unknown").orElseThrow();
        return new Explanation(new Classification(Reason.USERUNKNOWN, BounceType.HARD, Fault.RECIPIENT,
                fallback.id(), "5.1.1"), Optional.of(fallback));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void samePatternIsCountedOnceWithItsCount(String db) throws SQLException {
        QualificationLog log = new QualificationLog(database(db), CLOCK);
        log.record("550 5.1.1 <a@example.org> gone away (ticket 77)", Reason.USERUNKNOWN);
        log.record("550 5.1.1 <b@example.net> gone away (ticket 912)", Reason.USERUNKNOWN);
        List<QualificationEntry> top = log.top(10, Optional.empty());
        assertEquals(1, top.size());
        assertEquals("550 5.1.1 <addr> gone away (ticket <n>)", top.get(0).pattern());
        assertEquals(2, top.get(0).count());
        assertEquals(QualificationStatus.TO_QUALIFY, top.get(0).status());
        assertEquals("550 5.1.1 <a@example.org> gone away (ticket 77)", top.get(0).example());
        assertEquals(CLOCK.instant(), top.get(0).firstSeen());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void topListsTheMostFrequentFirst(String db) throws SQLException {
        QualificationLog log = new QualificationLog(database(db), CLOCK);
        log.record("421 try later", Reason.SYSTEMERROR);
        log.record("550 gone away", Reason.UNDEFINED);
        log.record("550 gone away", Reason.UNDEFINED);
        assertEquals(List.of("550 gone away", "421 try later"),
                log.top(10, Optional.empty()).stream().map(QualificationEntry::pattern).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void markedPatternIsListedUnderItsStatus(String db) throws SQLException {
        QualificationLog log = new QualificationLog(database(db), CLOCK);
        log.record("550 gone away", Reason.UNDEFINED);
        log.record("421 try later", Reason.SYSTEMERROR);
        assertTrue(log.mark("550 gone away", QualificationStatus.IGNORE));
        assertEquals(List.of("421 try later"), log.top(10, Optional.of(QualificationStatus.TO_QUALIFY)).stream()
                .map(QualificationEntry::pattern).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void diagnosticDecidedOnlyByStatusCodeIsRecorded(String db) throws SQLException {
        QualificationLog log = new QualificationLog(database(db), CLOCK);
        RecipientStatus r = ShippedRules.failed("5.1.1", "550 5.1.1 zorglub refused");
        assertTrue(log.observe(r, byStatusCodeOnly()));
        assertEquals(Reason.USERUNKNOWN, log.top(1, Optional.empty()).get(0).reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void diagnosticMatchedByATextRuleIsNotRecorded(String db) throws SQLException {
        QualificationLog log = new QualificationLog(database(db), CLOCK);
        RecipientStatus r = ShippedRules.failed("5.1.1", "550 5.1.1 <a@example.org>... User Unknown");
        assertFalse(log.observe(r, ShippedRules.classifier().explain(ShippedRules.dsn(r), r)));
        assertEquals(List.of(), log.top(10, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void deliveredRecipientIsNotRecorded(String db) throws SQLException {
        QualificationLog log = new QualificationLog(database(db), CLOCK);
        RecipientStatus r = new RecipientStatus("user@example.org", "", org.rebound.dsn.Action.DELIVERED,
                Optional.of(org.rebound.dsn.StatusCode.parse("2.1.5")), "250", "250 2.1.5 Ok", "", "",
                org.rebound.dsn.SmtpCommand.UNKNOWN);
        assertFalse(log.observe(r, ShippedRules.classifier().explain(ShippedRules.dsn(r), r)));
    }
}
