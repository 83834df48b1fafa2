package org.rebound.health;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** DOWN while windows fail and fetching backs off, naming the last failure. */
public final class MailboxHealthCheck extends AbstractHealthCheck {

    private final MailboxBackoff backoff;

    public MailboxHealthCheck(MailboxBackoff backoff) {
        super("rebound", "pipeline");
        this.backoff = backoff;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        backoff.failure().ifPresentOrElse(
                cause -> builder.message("windows fail, fetching backs off: " + cause).down(),
                builder::up);
    }
}
