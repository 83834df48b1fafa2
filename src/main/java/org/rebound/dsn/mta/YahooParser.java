package org.rebound.dsn.mta;

import org.rebound.dsn.SmtpCommand;
import org.rebound.dsn.format.ReturnedMail;

/**
 * Yahoo! Mail's notices, in qmail's format ("Sorry, we were unable to deliver your message to the following
 * address.", "&lt;address&gt;:", the remote server's words), after Sisimai's lib/Sisimai/Lhost/Yahoo.pm. Yahoo
 * quotes the remote server's reply without naming the command; a reply that repeats the recipient's address in
 * angle brackets ("550: &lt;a@b&gt;: User unknown") answered the RCPT TO that named it.
 */
final class YahooParser extends QmailParser {

    static boolean recognises(ReturnedMail mail) {
        return mail.headers().has("x-ymailisg")
                && mail.text().contains("Sorry, we were unable to deliver your message");
    }

    @Override
    public String name() {
        return "yahoo";
    }

    @Override
    protected SmtpCommand command(ReturnedMail mail, String notice, String recipient, String diagnostic) {
        SmtpCommand command = super.command(mail, notice, recipient, diagnostic);
        if (command == SmtpCommand.UNKNOWN && quotesAnAddress(diagnostic)) {
            return SmtpCommand.RCPT;
        }
        return command;
    }

    /** "&lt;" then an '@' then "&gt;", as Yahoo.pm's /[<].+[@].+[>]/. */
    private static boolean quotesAnAddress(String text) {
        int open = text.indexOf('<');
        int at = open < 0 ? -1 : text.indexOf('@', open);
        return at > 0 && text.indexOf('>', at) > 0;
    }
}
