package org.rebound.dsn;

import java.util.Objects;
import java.util.Optional;

/**
 * What a returned message says about one recipient (the per-recipient fields of RFC 3464 section 2.3).
 * Text fields are empty, never null, when the message does not give them.
 *
 * @param finalRecipient    the address the reporting MTA tried, lower-cased
 * @param originalRecipient the address as the sender gave it (RFC 3461 ORCPT), or empty
 * @param action            what happened
 * @param status            the enhanced status code, stated or derived from the diagnostic text
 * @param replyCode         the SMTP reply code (RFC 5321), such as "550", or empty
 * @param diagnostic        the remote server's own words (Diagnostic-Code), or empty
 * @param remoteMta         the server that gave the diagnostic, or empty
 * @param lastAttempt       the Last-Attempt-Date as written, or empty
 * @param command           the SMTP command the remote server refused, or UNKNOWN
 */
public record RecipientStatus(String finalRecipient, String originalRecipient, Action action,
                              Optional<StatusCode> status, String replyCode, String diagnostic,
                              String remoteMta, String lastAttempt,
                              SmtpCommand command) {

    public RecipientStatus {
        Objects.requireNonNull(finalRecipient, "finalRecipient");
        Objects.requireNonNull(originalRecipient, "originalRecipient");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(replyCode, "replyCode");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(remoteMta, "remoteMta");
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        Objects.requireNonNull(command, "command");
        // Bounded where parsed (FieldLimits): a hostile message's 70 KB diagnostic must not fail a transaction.
        diagnostic = FieldLimits.cut(diagnostic, FieldLimits.DIAGNOSTIC);
        remoteMta = FieldLimits.cut(remoteMta, FieldLimits.HOST);
        // The original recipient is a hint beside the final one: one that cannot be an address is left out.
        originalRecipient = FieldLimits.addressProblem(originalRecipient).isPresent() ? "" : originalRecipient;
    }

    /** The status code as text, or empty. */
    public String statusText() {
        return status.map(StatusCode::toString).orElse("");
    }
}
