package org.rebound.classify;

import java.util.List;
import java.util.Objects;

import org.rebound.dsn.Action;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.SmtpCommand;
import org.rebound.dsn.StatusCode;

/**
 * A result a rule must decide, as a rule file writes it: the fields of one recipient's DSN block that the rule
 * reads. Fields not given are empty; the action is failed, the kind a DSN, the parser none and the SMTP command
 * unknown unless stated.
 *
 * @param line the example's line in its file, for error messages
 */
public record RuleExample(Kind kind, String parser, Action action, String status, String reply, String diagnostic,
                          String remoteMta, String reportingMta, String recipient, SmtpCommand command,
                          int line) {

    public RuleExample {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(remoteMta, "remoteMta");
        Objects.requireNonNull(reportingMta, "reportingMta");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(command, "command");
    }

    /** The parser of an example that names none: no shipped parser has this name. */
    public static final String NO_PARSER = "rule-example";

    public RecipientStatus toRecipient() {
        return new RecipientStatus(recipient.isEmpty() ? "user@example.org" : recipient, "", action,
                status.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(StatusCode.parse(status)),
                reply, diagnostic, remoteMta, "", command);
    }

    public BounceReport toReport() {
        return new BounceReport(kind, parser, reportingMta, "", "", "", OriginalMessage.UNKNOWN,
                List.of(toRecipient()));
    }
}
