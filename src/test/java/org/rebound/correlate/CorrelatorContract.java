package org.rebound.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rebound.correlate.CorrelationKey.OriginalMessageId;
import org.rebound.correlate.CorrelationKey.RecipientAndTime;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;

/**
 * The correlator and the sent-message lookup against a real database, whose test creates the sending system's
 * table itself under configured, non-default names in its own schema. Each database runs the same tests.
 */
abstract class CorrelatorContract {

    private static final String SCHEMA = "correlate_test";
    private static final SentMessageTable TABLE = new SentMessageTable(SCHEMA + ".sent_log", "msg_id", "rcpt",
            "campaign", "sent", "envid", "verp", "campaign");
    private static final Instant SENT = Reports.RECEIVED.minus(Duration.ofHours(2));

    private CountingDataSource counting;

    /** The database under test; the same one on every call. */
    abstract DataSource database();

    @BeforeEach
    void createSentMessageTable() throws SQLException {
        try (Connection c = database().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("CREATE TABLE " + TABLE.table() + " (msg_id VARCHAR(255), rcpt VARCHAR(320) NOT NULL, "
                    + "campaign VARCHAR(64), sent TIMESTAMP WITH TIME ZONE, envid VARCHAR(100), verp VARCHAR(100))");
        }
        counting = new CountingDataSource(database());
    }

    @Test
    void dsnQuotingTheMessageIdMatchesByMessageId() throws SQLException {
        sent("m1@sender.example", "a@example.net", "c1", SENT, "", "");

        Correlation result = correlate("message-id,recipient-time", Reports.withMessageId("m1@sender.example",
                "a@example.net"));

        assertEquals(List.of(Optional.of(KeyType.MESSAGE_ID), Optional.of("c1")),
                List.of(result.matchedBy(), result.sentMessage().map(SentMessage::deliveryId)));
    }

    @Test
    void thousandBouncesWithMessageIdsNeedAtMostTwoQueries() throws SQLException {
        List<PendingEvent> events = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(new String[] {"m" + i + "@sender.example", "r" + i + "@example.net"});
            events.add(Reports.withMessageId("m" + i + "@sender.example", "r" + i + "@example.net"));
        }
        sentMany(rows);

        List<Correlation> results = correlator("message-id,envelope-id,verp,custom-header,recipient-time")
                .correlate(events);

        assertEquals(List.of(1000L, 2L), List.of(
                results.stream().filter(r -> r.matchedBy().equals(Optional.of(KeyType.MESSAGE_ID))).count(),
                counting.statementsExecuted()));
    }

    @Test
    void messageIdSentToSeveralRecipientsMatchesTheBouncedRecipientsRow() throws SQLException {
        sent("shared@sender.example", "a@example.net", "c1", SENT, "", "");
        sent("shared@sender.example", "b@example.net", "c1", SENT.plusSeconds(1), "", "");
        sent("shared@sender.example", "c@example.net", "c1", SENT.plusSeconds(2), "", "");

        Correlation result = correlate("message-id", Reports.withMessageId("shared@sender.example", "b@example.net"));

        assertEquals(Optional.of("b@example.net"), result.sentMessage().map(SentMessage::recipient));
    }

    @Test
    void messageIdFoundOnlyForAnotherRecipientMatchesUnconfirmed() throws SQLException {
        sent("fwd@sender.example", "alias@example.net", "c1", SENT, "", "");

        Correlation result = correlate("message-id", Reports.withMessageId("fwd@sender.example",
                "mailbox@elsewhere.example"));

        assertEquals(new Correlation.Matched(sentMessage("fwd@sender.example", "alias@example.net", "c1", "", ""),
                new OriginalMessageId("fwd@sender.example"), false), result);
    }

    @Test
    void envelopeIdMatchesWhenTheBounceKeepsNoMessageId() throws SQLException {
        sent("m1@sender.example", "a@example.net", "c1", SENT, "ENV-1", "");

        Correlation result = correlate("message-id,envelope-id",
                Reports.event(Kind.DSN, "ENV-1", "", OriginalMessage.UNKNOWN, "", "a@example.net"));

        assertEquals(Optional.of(KeyType.ENVELOPE_ID), result.matchedBy());
    }

    @Test
    void verpTokenInTheBounceAddressMatches() throws SQLException {
        sent("m1@sender.example", "a@example.net", "c1", SENT, "", "tok-9");

        Correlation result = correlate("message-id,verp", Reports.event(Kind.NON_STANDARD_BOUNCE, "",
                "bounces+tok-9@bounce.sender.example", OriginalMessage.UNKNOWN, "", "a@example.net"));

        assertEquals(Optional.of(KeyType.VERP), result.matchedBy());
    }

    @Test
    void aSignedVerpTokenProvesItsRecipientWhateverTheBounceNames() throws SQLException {
        sent("m1@sender.example", "a@example.net", "c1", SENT, "", "tok-9");
        String address = "bounces+tok-9." + SIGNATURE.sign("tok-9", "a@example.net") + "@bounce.sender.example";

        Correlation result = signedCorrelator().correlate(List.of(Reports.event(Kind.NON_STANDARD_BOUNCE, "",
                address, OriginalMessage.UNKNOWN, "", "forwarded@elsewhere.example"))).get(0);

        assertEquals(List.of(Optional.of(KeyType.VERP), Verification.PROVEN),
                List.of(result.matchedBy(), result.verification()));
    }

    @Test
    void anAlteredSignedVerpTokenFindsNothing() throws SQLException {
        sent("m1@sender.example", "a@example.net", "c1", SENT, "", "tok-9");
        sent("m2@sender.example", "b@example.net", "c1", SENT, "", "tok-10");
        String address = "bounces+tok-10." + SIGNATURE.sign("tok-9", "a@example.net") + "@bounce.sender.example";

        Correlation result = signedCorrelator().correlate(List.of(Reports.event(Kind.NON_STANDARD_BOUNCE, "",
                address, OriginalMessage.UNKNOWN, "", "b@example.net"))).get(0);

        assertEquals(Verification.UNCORRELATED, result.verification());
    }

    @Test
    void anUnsignedVerpTokenFindsNothingWhenTokensAreSigned() throws SQLException {
        sent("m1@sender.example", "a@example.net", "c1", SENT, "", "tok-9");

        Correlation result = signedCorrelator().correlate(List.of(Reports.event(Kind.NON_STANDARD_BOUNCE, "",
                "bounces+tok-9@bounce.sender.example", OriginalMessage.UNKNOWN, "", "a@example.net"))).get(0);

        assertEquals(Verification.UNCORRELATED, result.verification());
    }

    @Test
    void campaignHeaderMatchesTheRecipientsOwnRow() throws SQLException {
        sent("m1@sender.example", "a@example.net", "77", SENT, "", "");
        sent("m2@sender.example", "b@example.net", "77", SENT, "", "");

        Correlation result = correlate("custom-header", campaignBounce("77", "b@example.net"));

        assertEquals(Optional.of("m2@sender.example"), result.sentMessage().map(SentMessage::messageId));
    }

    @Test
    void campaignHeaderDoesNotMatchAnotherRecipientsRow() throws SQLException {
        sent("m1@sender.example", "a@example.net", "77", SENT, "", "");

        Correlation result = correlate("custom-header", campaignBounce("77", "stranger@example.net"));

        assertEquals(Optional.empty(), result.matchedBy());
    }

    @Test
    void recipientMatchesTheLatestSendWithinTheWindow() throws SQLException {
        sent("old@sender.example", "a@example.net", "c1", Reports.RECEIVED.minus(Duration.ofDays(3)), "", "");
        sent("new@sender.example", "a@example.net", "c2", Reports.RECEIVED.minus(Duration.ofDays(1)), "", "");
        sent("later@sender.example", "a@example.net", "c3", Reports.RECEIVED.plus(Duration.ofDays(1)), "", "");

        Correlation result = correlate("message-id,recipient-time", Reports.bare("a@example.net"));

        assertEquals(List.of(Optional.of(KeyType.RECIPIENT_TIME), Optional.of("new@sender.example")),
                List.of(result.matchedBy(), result.sentMessage().map(SentMessage::messageId)));
    }

    @Test
    void recipientSentToBeforeTheWindowIsUnmatched() throws SQLException {
        sent("old@sender.example", "a@example.net", "c1", Reports.RECEIVED.minus(Duration.ofDays(8)), "", "");

        Correlation result = correlate("recipient-time", Reports.bare("a@example.net"));

        assertEquals(new Correlation.Unmatched(List.of(new RecipientAndTime("a@example.net", Reports.RECEIVED))),
                result);
    }

    @Test
    void firstKeyTypeInTheOrderDecides() throws SQLException {
        sent("by-id@sender.example", "a@example.net", "c1", SENT, "", "");
        sent("by-env@sender.example", "a@example.net", "c2", SENT, "ENV-2", "");
        PendingEvent both = Reports.event(Kind.DSN, "ENV-2", "", new OriginalMessage("by-id@sender.example",
                Map.of()), "", "a@example.net");

        Correlation result = correlate("envelope-id,message-id", both);

        assertEquals(Optional.of("by-env@sender.example"), result.sentMessage().map(SentMessage::messageId));
    }

    @Test
    void eachKeyTypeCostsOneQueryForTheWholeBatch() throws SQLException {
        sent("m1@sender.example", "a@example.net", "c1", SENT, "", "");
        sent("m2@sender.example", "b@example.net", "c1", SENT, "", "tok-b");
        sent("m3@sender.example", "c@example.net", "c1", SENT, "", "");
        List<PendingEvent> batch = List.of(
                Reports.withMessageId("m1@sender.example", "a@example.net"),
                Reports.event(Kind.DSN, "", "bounces+tok-b@bounce.sender.example", OriginalMessage.UNKNOWN, "",
                        "b@example.net"),
                Reports.bare("c@example.net"));

        List<Correlation> results = correlator("message-id,envelope-id,verp,custom-header,recipient-time")
                .correlate(batch);

        assertEquals(List.of(Optional.of(KeyType.MESSAGE_ID), Optional.of(KeyType.VERP),
                        Optional.of(KeyType.RECIPIENT_TIME), 3L),
                List.of(results.get(0).matchedBy(), results.get(1).matchedBy(), results.get(2).matchedBy(),
                        counting.statementsExecuted()));
    }

    @Test
    void messageIdStoredInAngleBracketsMatchesABareOne() throws SQLException {
        sent("<m1@sender.example>", "a@example.net", "c1", SENT, "", "");

        Correlation result = correlate("message-id", Reports.withMessageId("m1@sender.example", "a@example.net"));

        assertEquals(Optional.of(KeyType.MESSAGE_ID), result.matchedBy());
    }

    @Test
    void messageIdQuotedInAngleBracketsMatchesABareRow() throws SQLException {
        sent("m1@sender.example", "a@example.net", "c1", SENT, "", "");

        Correlation result = correlate("message-id", Reports.withMessageId("<m1@sender.example>", "a@example.net"));

        assertEquals(Optional.of(KeyType.MESSAGE_ID), result.matchedBy());
    }

    @Test
    void bareAndBracketedMessageIdsAreLookedUpInOneQuery() throws SQLException {
        sent("<m1@sender.example>", "a@example.net", "c1", SENT, "", "");
        sent("m2@sender.example", "b@example.net", "c1", SENT, "", "");

        List<Correlation> results = correlator("message-id").correlate(List.of(
                Reports.withMessageId("m1@sender.example", "a@example.net"),
                Reports.withMessageId("<m2@sender.example>", "b@example.net")));

        assertEquals(List.of(Optional.of(KeyType.MESSAGE_ID), Optional.of(KeyType.MESSAGE_ID), 1L),
                List.of(results.get(0).matchedBy(), results.get(1).matchedBy(), counting.statementsExecuted()));
    }

    @Test
    void aKeyThatMatchesNothingWhileAnotherMatchesIsWarnedAboutNamingItsColumnSetting() throws SQLException {
        List<PendingEvent> window = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent("m" + i + "@sender.example", "r" + i + "@example.net", "c1", SENT, "", "tok-" + i);
            window.add(Reports.event(Kind.DSN, "", "bounces+tok-" + i + "@bounce.sender.example",
                    new OriginalMessage("stored-otherwise-" + i + "@sender.example", Map.of()), "",
                    "r" + i + "@example.net"));
        }
        List<String> warnings = new ArrayList<>();
        CorrelationSettings settings = settings("message-id,verp");

        new Correlator(settings, new SentMessageLookup(counting, TABLE, settings.recipientTimeWindow()),
                new SilentKeyWatch(warnings::add)).correlate(window);

        assertEquals(List.of("message-id: 0 of 20 matched while verp matched 20 — does "
                + SentMessageTable.MESSAGE_ID_COLUMN + " hold the Message-ID as sent?"), warnings);
    }

    @Test
    void envelopeIdInANumericColumnMatchesTheRowWithThatNumber() throws SQLException {
        SentMessageLookup lookup = new SentMessageLookup(counting, numberedLog(4711), Duration.ofDays(7));

        Map<CorrelationKey, List<SentMessage>> found = lookup.resolve(
                List.of(new CorrelationKey.EnvelopeId("4711"), new CorrelationKey.EnvelopeId("4712")));

        assertEquals(Map.of(new CorrelationKey.EnvelopeId("4711"), List.of("m1@sender.example")), messageIds(found));
    }

    @Test
    void envelopeIdsANumericColumnCannotHoldFindNothingWhileTheOthersMatch() throws SQLException {
        SentMessageLookup lookup = new SentMessageLookup(counting, numberedLog(4711), Duration.ofDays(7));

        Map<CorrelationKey, List<SentMessage>> found = lookup.resolve(List.of(new CorrelationKey.EnvelopeId("4711"),
                new CorrelationKey.EnvelopeId("x4711'); DROP TABLE t; --"),
                new CorrelationKey.EnvelopeId("99999999999999999999999")));

        assertEquals(Map.of(new CorrelationKey.EnvelopeId("4711"), List.of("m1@sender.example")), messageIds(found));
    }

    /** A sending log whose envelope ids are numbers (BIGINT), holding one message with this one. */
    private SentMessageTable numberedLog(long envelopeId) throws SQLException {
        SentMessageTable numeric = new SentMessageTable(SCHEMA + ".numbered_log", "msg_id", "rcpt", "campaign",
                "sent", "envid", "", "");
        try (Connection c = database().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + numeric.table() + " (msg_id VARCHAR(255), rcpt VARCHAR(320) NOT NULL, "
                    + "campaign VARCHAR(64), sent TIMESTAMP WITH TIME ZONE, envid BIGINT)");
            s.execute("INSERT INTO " + numeric.table() + " VALUES ('m1@sender.example', 'a@example.net', 'c1', "
                    + "TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00+00', " + envelopeId + ")");
        }
        return numeric;
    }

    private static Map<CorrelationKey, List<String>> messageIds(Map<CorrelationKey, List<SentMessage>> found) {
        return found.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(SentMessage::messageId).toList()));
    }

    @Test
    void orderNamingAColumnTheTableLacksIsRefused() {
        SentMessageTable noVerp = new SentMessageTable(TABLE.table(), "msg_id", "rcpt", "campaign", "sent", "envid",
                "", "campaign");
        SentMessageLookup lookup = new SentMessageLookup(counting, noVerp, Duration.ofDays(7));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Correlator(settings("message-id,verp"), lookup));

        assertTrue(e.getMessage().contains(SentMessageTable.VERP_TOKEN_COLUMN), e.getMessage());
    }

    private Correlation correlate(String order, PendingEvent event) throws SQLException {
        return correlator(order).correlate(List.of(event)).get(0);
    }

    private Correlator correlator(String order) {
        CorrelationSettings settings = settings(order);
        return new Correlator(settings, new SentMessageLookup(counting, TABLE, settings.recipientTimeWindow()));
    }

    private static final VerpSignature SIGNATURE = new VerpSignature("a-test-secret-of-some-length");

    private Correlator signedCorrelator() {
        CorrelationSettings signed = new CorrelationSettings(KeyType.parseOrder("message-id,verp"),
                Pattern.compile("^bounces\\+([^@]+)@"), "X-Campaign-Id", Duration.ofDays(7), Optional.of(SIGNATURE));
        return new Correlator(signed, new SentMessageLookup(counting, TABLE, signed.recipientTimeWindow()));
    }

    private static CorrelationSettings settings(String order) {
        return new CorrelationSettings(KeyType.parseOrder(order), Pattern.compile("^bounces\\+([^@]+)@"),
                "X-Campaign-Id", Duration.ofDays(7), Optional.empty());
    }

    private static PendingEvent campaignBounce(String campaign, String recipient) {
        return Reports.event(Kind.DSN, "", "", new OriginalMessage("", Map.of("x-campaign-id", campaign)), "",
                recipient);
    }

    private static SentMessage sentMessage(String messageId, String recipient, String campaign, String envid,
                                           String verp) {
        return new SentMessage(messageId, recipient, campaign, Optional.of(SENT), envid, verp, campaign);
    }

    private void sent(String messageId, String recipient, String campaign, Instant at, String envid, String verp)
            throws SQLException {
        try (Connection c = database().getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO " + TABLE.table() + " (msg_id, rcpt, campaign, sent, envid, verp) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, messageId);
            insert.setString(2, recipient);
            insert.setString(3, campaign);
            insert.setTimestamp(4, Timestamp.from(at));
            insert.setString(5, envid.isEmpty() ? null : envid);
            insert.setString(6, verp.isEmpty() ? null : verp);
            insert.executeUpdate();
        }
    }

    /** Rows of (message id, recipient), sent two hours before the bounces arrive. */
    private void sentMany(List<String[]> rows) throws SQLException {
        try (Connection c = database().getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO " + TABLE.table() + " (msg_id, rcpt, campaign, sent) VALUES (?, ?, 'bulk', ?)")) {
            for (String[] row : rows) {
                insert.setString(1, row[0]);
                insert.setString(2, row[1]);
                insert.setTimestamp(3, Timestamp.from(SENT));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
