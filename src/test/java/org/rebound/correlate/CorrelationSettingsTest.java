package org.rebound.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorrelationSettingsTest {

    @ParameterizedTest(name = "{0} = ''{1}'' is refused")
    @CsvSource(delimiter = '|', textBlock = """
        rebound.correlation.sent-messages.table              | sent_message; DROP TABLE sent_message
        rebound.correlation.sent-messages.table              | "sent_message"
        rebound.correlation.sent-messages.table              | a.b.c
        rebound.correlation.sent-messages.message-id-column  | message_id --
        rebound.correlation.sent-messages.recipient-column   | 1recipient
        rebound.correlation.sent-messages.sent-at-column     | sent-at
        rebound.correlation.sent-messages.verp-token-column  | token)
        rebound.correlation.sent-messages.custom-header-column | public.campaign
        """)
    void unsafeIdentifierIsRefusedNamingTheSetting(String setting, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SentMessageTable.fromProperties(Map.of(setting, value)));

        assertTrue(e.getMessage().startsWith(setting + " "), e.getMessage());
    }

    @Test
    void schemaQualifiedTableIsAccepted() {
        SentMessageTable table = SentMessageTable.fromProperties(Map.of(SentMessageTable.TABLE, "mail.sent_log"));

        assertEquals("mail.sent_log", table.table());
    }

    @Test
    void orderParsesConfiguredLabels() {
        assertEquals(List.of(KeyType.VERP, KeyType.MESSAGE_ID), KeyType.parseOrder(" verp , message-id "));
    }

    @Test
    void orderNamingATypeTwiceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyType.parseOrder("verp,message-id,verp"));
    }

    @Test
    void unknownKeyTypeInOrderNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorrelationSettings.fromProperties(Map.of(CorrelationSettings.ORDER, "message-id,smtp-id")));

        assertTrue(e.getMessage().startsWith(CorrelationSettings.ORDER), e.getMessage());
    }

    @Test
    void verpPatternWithoutGroupIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorrelationSettings.fromProperties(Map.of(CorrelationSettings.VERP_PATTERN, "^bounces\\+")));

        assertTrue(e.getMessage().startsWith(CorrelationSettings.VERP_PATTERN), e.getMessage());
    }

    @Test
    void customHeaderWithColonIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CorrelationSettings.fromProperties(Map.of(CorrelationSettings.CUSTOM_HEADER, "X-Id:")));
    }

    @Test
    void emptyPropertiesGiveTheDefaults() {
        CorrelationSettings settings = CorrelationSettings.fromProperties(Map.of());

        assertEquals(List.of(CorrelationSettings.DEFAULTS.order(), CorrelationSettings.DEFAULTS.verpPattern().pattern(),
                        CorrelationSettings.DEFAULTS.customHeader(), CorrelationSettings.DEFAULTS.recipientTimeWindow()),
                List.of(settings.order(), settings.verpPattern().pattern(), settings.customHeader(),
                        settings.recipientTimeWindow()));
    }
}
