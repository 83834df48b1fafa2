package org.rebound.health;

import java.sql.SQLException;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.rebound.events.Outbox;

/**
 * DOWN while the JMS broker cannot be reached, naming the reason; events meanwhile wait in the outbox, and the
 * check says how many.
 */
public final class BrokerHealthCheck extends AbstractHealthCheck {

    private final ConnectionFactory factory;
    private final Outbox outbox;

    public BrokerHealthCheck(ConnectionFactory factory, Outbox outbox) {
        super("rebound", "broker");
        this.factory = factory;
        this.outbox = outbox;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            builder.detail("outbox.pending", outbox.pending());
        } catch (SQLException e) {
            builder.detail("outbox.pending", "unknown: " + e.getMessage());
        }
        try (Connection c = factory.createConnection()) {
            builder.up();
        } catch (JMSException | RuntimeException e) {
            builder.message("broker unreachable, events wait in the outbox: " + e.getMessage()).error(e).down();
        }
    }
}
