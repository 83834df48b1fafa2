package org.rebound.dsn.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.rebound.dsn.Addresses;
import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.NoticeText;
import org.rebound.dsn.format.ReturnedMail;

/**
 * The text of a non-delivery report from Exchange Server 2007 and later and from Exchange Online (Office 365), when
 * it comes without a delivery-status part (after Sisimai's lib/Sisimai/Lhost/Exchange2007.pm and Office365.pm).
 * The report has a part for people ("Delivery has failed to these recipients or groups:", each recipient as
 * "user@example.org&lt;mailto:user@example.org&gt;" or "Recipient Address: user@example.org") and a part for
 * administrators ("Diagnostic information for administrators:", "Generating server: HOST", then each recipient's
 * address alone on a line followed by the server's reply: "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##" or
 * "Remote Server returned '550 5.1.10 ...'"), then "Original message headers:". The administrators' part is the
 * more precise; the people's part names the recipients when it is missing. Headings are localised: the ones the
 * modules list (English, French, Italian, Dutch, Portuguese) are known.
 */
final class ExchangeNdrParser extends NoticeParser {

    private static final List<String> ADMINISTRATORS_PART = List.of("Diagnostic information for administrators",
            "Informations de diagnostic pour les administrateurs", "Informazioni di diagnostica per gli amministratori",
            "Diagnostische gegevens voor beheerders", "stico para administradores:");

    private static final List<String> PEOPLES_PART = List.of("Delivery has failed to these recipients or groups:",
            "Falha na entrega a estes destinat",
            "Uw bericht kan niet worden bezorgd bij de volgende geadresseerden of groepen:",
            " rejected your message to the following e");

    private static final List<String> ORIGINAL_HEADERS = List.of("Original message headers:",
            "Original Message Headers:", "tes de message d'origine :", "Intestazioni originali del messaggio:",
            "alhos originais da mensagem:", "Oorspronkelijke berichtkoppen:");

    private static final List<String> GENERATING_SERVER = List.of("Generating server:", "Serveur de g",
            "Server di generazione:", "Bronserver:", "Servidor de origem:");

    private static final Pattern LINE_END = Pattern.compile("\r?\n");

    /**
     * The headers the modules check first (Exchange2007.pm: an "Undeliverable" subject in one of its languages;
     * Office365.pm: those subjects or Exchange Online's own X-MS-Exchange headers), then one of the report's
     * headings in the text.
     */
    static boolean recognises(ReturnedMail mail) {
        String subject = mail.subjectLower();
        boolean headers = subject.contains("undeliverable") || subject.startsWith("non_remis_")
                || subject.startsWith("non recapitabile") || subject.contains("onbestelbaar:")
                || subject.contains("não_entregue:") || mail.headers().has("x-ms-exchange-message-is-ndr")
                || mail.headers().has("x-ms-exchange-crosstenant-originalarrivaltime");
        if (!headers) {
            return false;
        }
        String text = mail.text();
        return indexOfAny(text, ADMINISTRATORS_PART) >= 0 || indexOfAny(text, PEOPLES_PART) >= 0;
    }

    @Override
    public String name() {
        return "exchange2007";
    }

    /** The report up to the original's headers, which the report introduces with its own heading. */
    @Override
    protected String notice(ReturnedMail mail) {
        String text = mail.text();
        int end = indexOfAny(text, ORIGINAL_HEADERS);
        return end >= 0 ? text.substring(0, end) : NoticeText.notice(text);
    }

    @Override
    protected List<NoticeText.Block> blocks(String notice, ReturnedMail mail) {
        int administrators = indexOfAny(notice, ADMINISTRATORS_PART);
        List<NoticeText.Block> blocks = administrators >= 0
                ? administratorsPart(notice.substring(administrators)) : List.of();
        if (blocks.isEmpty()) {
            int people = indexOfAny(notice, PEOPLES_PART);
            blocks = peoplesPart(people >= 0 ? notice.substring(people, administrators > people ? administrators
                    : notice.length()) : notice);
        }
        return blocks.isEmpty() ? NoticeText.blocks(notice) : blocks;
    }

    /** Each address alone on a line opens a recipient; the lines that follow, up to the next, are the reply. */
    private static List<NoticeText.Block> administratorsPart(String part) {
        List<NoticeText.Block> blocks = new ArrayList<>();
        String recipient = null;
        StringBuilder reply = new StringBuilder();
        for (String line : LINE_END.split(part)) {
            String t = line.trim();
            if (startsWithAny(t, GENERATING_SERVER)) {
                continue;
            }
            if (t.indexOf('@') > 0 && t.indexOf(' ') < 0 && !Addresses.first(t).isEmpty()) {
                add(blocks, recipient, reply);
                recipient = Addresses.first(t);
                reply.setLength(0);
            } else if (recipient != null && !t.isEmpty()) {
                reply.append(t).append('\n');
            }
        }
        add(blocks, recipient, reply);
        return blocks;
    }

    /**
     * "user@example.org&lt;mailto:user@example.org&gt;" or "Recipient Address: user@example.org" opens a recipient;
     * the explanation for people follows it.
     */
    private static List<NoticeText.Block> peoplesPart(String part) {
        List<NoticeText.Block> blocks = new ArrayList<>();
        String recipient = null;
        StringBuilder words = new StringBuilder();
        for (String line : LINE_END.split(part)) {
            String t = line.trim();
            int mailto = t.indexOf("<mailto:");
            if ((mailto > 0 && t.indexOf('@') < mailto) || t.startsWith("Recipient Address:")) {
                add(blocks, recipient, words);
                recipient = Addresses.first(t);
                words.setLength(0);
            } else if (recipient != null && !t.isEmpty()) {
                words.append(t).append('\n');
            }
        }
        add(blocks, recipient, words);
        return blocks;
    }

    private static void add(List<NoticeText.Block> blocks, String recipient, StringBuilder words) {
        if (recipient != null && !recipient.isEmpty()) {
            blocks.add(new NoticeText.Block(recipient, words.toString().trim()));
        }
    }

    /** The server that wrote the report: "Generating server: HOST". */
    @Override
    protected String reportingMta(ReturnedMail mail) {
        String text = mail.text();
        for (String heading : GENERATING_SERVER) {
            int at = text.indexOf(heading);
            if (at >= 0) {
                int colon = text.indexOf(':', at);
                if (colon < 0) {
                    return "";
                }
                int end = text.indexOf('\n', colon);
                String host = text.substring(colon + 1, end < 0 ? text.length() : end).trim();
                int space = host.indexOf(' ');
                return (space < 0 ? host : host.substring(0, space)).toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    private static int indexOfAny(String text, List<String> markers) {
        int first = -1;
        for (String m : markers) {
            int at = text.indexOf(m);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private static boolean startsWithAny(String line, List<String> prefixes) {
        for (String p : prefixes) {
            if (line.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
