package org.rebound.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rebound.correlate.CorrelationKey.CustomHeader;
import org.rebound.correlate.CorrelationKey.EnvelopeId;
import org.rebound.correlate.CorrelationKey.OriginalMessageId;
import org.rebound.correlate.CorrelationKey.RecipientAndTime;
import org.rebound.correlate.CorrelationKey.VerpToken;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;

class KeyExtractorTest {

    private static final String RCPT = "rcpt@example.net";

    static Stream<Arguments> evidence() {
        return Stream.of(
                row("message id from the parser",
                        "message-id", Reports.withMessageId("abc.1@mail.example.com", RCPT),
                        List.of(new OriginalMessageId("abc.1@mail.example.com"))),
                row("message id header loses brackets and folding white space",
                        "message-id", original(Kind.DSN, Map.of("message-id", " <abc.1@mail.\r\n example.com> ")),
                        List.of(new OriginalMessageId("abc.1@mail.example.com"))),
                row("same message id twice is one key",
                        "message-id", event(Kind.DSN, "", "", new OriginalMessage("m@x",
                                Map.of("message-id", "<m@x>"))),
                        List.of(new OriginalMessageId("m@x"))),
                row("auto-reply's in-reply-to then references nearest first",
                        "message-id", original(Kind.AUTO_REPLY, Map.of("in-reply-to", "<sent@x>",
                                "references", "<first@x> <sent@x> <second@x>")),
                        List.of(new OriginalMessageId("sent@x"), new OriginalMessageId("second@x"),
                                new OriginalMessageId("first@x"))),
                row("bounce's original in-reply-to is not our message",
                        "message-id", original(Kind.DSN, Map.of("in-reply-to", "<earlier@x>")),
                        List.of()),
                row("envelope id trimmed, case kept",
                        "envelope-id", event(Kind.DSN, " Env-42 ", "", OriginalMessage.UNKNOWN),
                        List.of(new EnvelopeId("Env-42"))),
                row("verp token from the bounce address in brackets",
                        "verp", event(Kind.DSN, "", "<bounces+T0k3n@bounce.example.com>", OriginalMessage.UNKNOWN),
                        List.of(new VerpToken("T0k3n", ""))),
                row("verp token from the original's return-path",
                        "verp", original(Kind.DSN, Map.of("return-path", "<bounces+abc@bounce.example.com>")),
                        List.of(new VerpToken("abc", ""))),
                row("bounce address without verp gives no token",
                        "verp", event(Kind.DSN, "", "postmaster@bounce.example.com", OriginalMessage.UNKNOWN),
                        List.of()),
                row("custom header with each recipient address",
                        "custom-header", Reports.event(Kind.DSN, "", "", new OriginalMessage("",
                                Map.of("x-campaign-id", " 77 ")), "rfc822; Someone@Example.org", RCPT),
                        List.of(new CustomHeader("X-Campaign-Id", "77", "Someone@Example.org"),
                                new CustomHeader("X-Campaign-Id", "77", RCPT))),
                row("recipient and arrival time",
                        "recipient-time", Reports.bare(RCPT),
                        List.of(new RecipientAndTime(RCPT, Reports.RECEIVED))),
                row("configured order decides the order of keys",
                        "recipient-time,envelope-id,message-id",
                        Reports.event(Kind.DSN, "env", "", new OriginalMessage("m@x", Map.of()), "", RCPT),
                        List.of(new RecipientAndTime(RCPT, Reports.RECEIVED), new EnvelopeId("env"),
                                new OriginalMessageId("m@x"))),
                row("a bounce that keeps nothing gives only the recipient",
                        "message-id,envelope-id,verp,custom-header,recipient-time", Reports.bare(RCPT),
                        List.of(new RecipientAndTime(RCPT, Reports.RECEIVED))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evidence")
    void extractsTheCandidateKeysOfTheRow(String behaviour, String order, PendingEvent event,
                                          List<CorrelationKey> expected) {
        KeyExtractor extractor = new KeyExtractor(new CorrelationSettings(KeyType.parseOrder(order),
                Pattern.compile("^bounces\\+([^@]+)@"), "X-Campaign-Id", Duration.ofDays(7), Optional.empty()));

        assertEquals(expected, extractor.extract(event), behaviour);
    }

    private static Arguments row(String behaviour, String order, PendingEvent event, List<CorrelationKey> keys) {
        return Arguments.of(behaviour, order, event, keys);
    }

    private static PendingEvent original(Kind kind, Map<String, String> headers) {
        return event(kind, "", "", new OriginalMessage("", headers));
    }

    private static PendingEvent event(Kind kind, String envelopeId, String returnPath, OriginalMessage original) {
        return Reports.event(kind, envelopeId, returnPath, original, "", RCPT);
    }
}
