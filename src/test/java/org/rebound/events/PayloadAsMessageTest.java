package org.rebound.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.rebound.reputation.ReputationAlerts;

class PayloadAsMessageTest {

    private static Exchange exchangeOf(Object body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("CamelSplitIndex", 3);
        exchange.getMessage().setHeader("JMSCorrelationID", "left over");
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void outboxEventBecomesItsJsonWithItsIdAsEventIdAndDuplicateIdAlone() throws Exception {
        Exchange exchange = exchangeOf(new Outbox.Entry(7, "event-7", "{\"a\":1}"));

        new PayloadAsMessage("eventId").process(exchange);

        assertEquals("{\"a\":1}", exchange.getMessage().getBody());
        assertEquals(Map.of("eventId", "event-7", PayloadAsMessage.DUPLICATE_ID, "event-7"),
                exchange.getMessage().getHeaders());
    }

    @Test
    void reputationAlertBecomesItsJsonWithItsIdAsAlertIdAndDuplicateIdAlone() throws Exception {
        Exchange exchange = exchangeOf(new ReputationAlerts.Pending(9, "alert-9", "{\"level\":\"warn\"}"));

        new PayloadAsMessage("alertId").process(exchange);

        assertEquals("{\"level\":\"warn\"}", exchange.getMessage().getBody());
        assertEquals(Map.of("alertId", "alert-9", PayloadAsMessage.DUPLICATE_ID, "alert-9"),
                exchange.getMessage().getHeaders());
    }

    @Test
    void bodyThatIsNotAPublishableItemFailsTheStep() {
        Exchange exchange = exchangeOf("just text");

        assertThrows(InvalidPayloadException.class, () -> new PayloadAsMessage("eventId").process(exchange));
    }
}
