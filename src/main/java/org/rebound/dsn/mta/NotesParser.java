package org.rebound.dsn.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.rebound.dsn.Addresses;
import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.NoticeText;
import org.rebound.dsn.format.ReturnedMail;
import org.rebound.dsn.phrase.PhraseBook;

/**
 * Lotus Notes / Domino's non-standard notices (after Sisimai's lib/Sisimai/Lhost/Notes.pm): "------- Failure
 * Reasons --------", the reason (often in the sender's language), then the recipient; Notes keeps no Message-ID
 * of the original. Domino's RFC 3464 DSNs are read by the RFC 3464 parser.
 */
final class NotesParser extends NoticeParser {

    /** A line end, CRLF or LF: compiled once rather than by String.split on every notice. */
    private static final Pattern LINE_END = Pattern.compile("\r?\n");


    static boolean recognises(ReturnedMail mail) {
        return mail.text().contains("------- Failure Reasons");
    }

    @Override
    public String name() {
        return "notes";
    }

    /**
     * Notes writes each reason on the lines before the address it concerns ("------- Failure Reasons --------",
     * the reason, the address); Sisimai's Notes.pm reads them the same way. Lines after the last address belong
     * to it when no reason came before it.
     */
    @Override
    protected List<NoticeText.Block> blocks(String notice, ReturnedMail mail) {
        int start = notice.indexOf("------- Failure Reasons");
        if (start < 0) {
            return NoticeText.blocks(notice);
        }
        List<NoticeText.Block> blocks = new ArrayList<>();
        StringBuilder reason = new StringBuilder();
        for (String line : LINE_END.split(notice.substring(notice.indexOf('\n', start) + 1))) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("-")) {
                continue;
            }
            if (t.indexOf(' ') < 0 && t.indexOf('@') > 0) {
                blocks.add(new NoticeText.Block(Addresses.first(t), reason.toString().trim()));
                reason.setLength(0);
            } else {
                reason.append(t).append('\n');
            }
        }
        if (!blocks.isEmpty() && reason.length() > 0 && blocks.get(blocks.size() - 1).diagnostic().isEmpty()) {
            NoticeText.Block last = blocks.remove(blocks.size() - 1);
            blocks.add(new NoticeText.Block(last.recipient(), reason.toString().trim()));
        }
        blocks.removeIf(b -> b.recipient().isEmpty());
        return blocks.isEmpty() ? NoticeText.blocks(notice) : blocks;
    }

    @Override
    protected String statusFor(ReturnedMail mail, String diagnostic) {
        return ownWording(diagnostic, PhraseBook.shipped().wording(name()));
    }
}
