package org.rebound.dsn.mta;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.NoticeText;
import org.rebound.dsn.format.ReturnedMail;
import org.rebound.dsn.phrase.PhraseBook;

/**
 * The refusals of the fml mailing-list manager (after Sisimai's lib/Sisimai/Lhost/FML.pm): X-MLServer: fml, a
 * short notice naming the list in angle brackets ("You are not a member of this mailing list &lt;list@...&gt;."),
 * and the kind of refusal in the subject. The list, not a person, refused the message.
 */
final class FmlParser extends NoticeParser {

    private static final Pattern LIST_ADDRESS = Pattern.compile("<([^\\s<>@]+@[\\w.-]+\\w)>");

    static boolean recognises(ReturnedMail mail) {
        return mail.headers().first("x-mlserver").startsWith("fml");
    }

    @Override
    public String name() {
        return "fml";
    }

    @Override
    protected List<NoticeText.Block> blocks(String notice, ReturnedMail mail) {
        Matcher m = LIST_ADDRESS.matcher(notice);
        return m.find() ? List.of(new NoticeText.Block(m.group(1).toLowerCase(java.util.Locale.ROOT), notice))
                : List.of();
    }

    /**
     * fml's subjects say why (a post from a non-member, a forbidden command, a loop alert): the subjects and their
     * statuses are data, rules/phrases/mta-wording.yaml under this parser's name.
     */
    @Override
    protected String statusFor(ReturnedMail mail, String diagnostic) {
        return ownWording(mail.subjectLower(), PhraseBook.shipped().wording(name()));
    }
}
