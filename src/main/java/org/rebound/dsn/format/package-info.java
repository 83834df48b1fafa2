/**
 * The standard formats and what every parser shares. The parser chain ({@code org.rebound.dsn.parse.ParserChain},
 * above this package and {@code dsn.mta}) picks, by evidence, one {@link org.rebound.dsn.format.FormatParser} for a {@link org.rebound.dsn.format.ReturnedMail} (the message after one
 * MIME walk): ARF (RFC 5965), RFC 3464/6533 DSNs, a reporting-MTA format ({@code org.rebound.dsn.mta}), mail
 * programs' unsubscribe requests, RFC 3834 auto-replies, or the generic notice reader. Non-standard notices share
 * {@link org.rebound.dsn.format.NoticeParser} and {@link org.rebound.dsn.format.NoticeText}; every recipient is
 * built by {@link org.rebound.dsn.format.RecipientFacts}, which fills in status and reply codes from the diagnostic and
 * the SMTP stage ({@link org.rebound.dsn.SmtpCommand}) from a session transcript, the notice's words about the
 * recipient ("in reply to RCPT TO command") or the diagnostic.
 */
package org.rebound.dsn.format;
