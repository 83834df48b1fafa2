package org.rebound.health;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** DOWN while windows fail and fetching backs off, naming the last failure. */
public final class MailboxHealthCheck extends AbstractHealthCheck {

    private final PollPacer pacer;

    public MailboxHealthCheck(PollPacer pacer) {
        super("rebound", "pipeline");
        this.pacer = pacer;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        pacer.failure().ifPresentOrElse(
                cause -> builder.message("windows fail, fetching backs off: " + cause).down(),
                builder::up);
    }
}
