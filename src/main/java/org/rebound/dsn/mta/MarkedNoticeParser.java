package org.rebound.dsn.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.rebound.dsn.Addresses;
import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.NoticeText;
import org.rebound.dsn.format.ReturnedMail;

/**
 * A reporting MTA whose notice is laid out with fixed markers: a line where its report starts, one where the copy of
 * the original starts, the words that open each recipient's line, and a heading over the reason it gives for all
 * recipients. The markers are structure (where things are), not meaning: what the words say is the rule book's.
 * {@link MarkedNoticeFormats} gives each MTA its markers, after the MTA's Sisimai module.
 */
final class MarkedNoticeParser extends NoticeParser {

    /**
     * Where a notice's parts are; an empty marker is not used.
     *
     * @param begins        text of the line where the report starts (the notice starts there)
     * @param ends          text of the line where the report ends and the original starts (else the shared
     *                      markers of {@link NoticeText} end it)
     * @param recipientLine text that opens a line naming one recipient: the first address after it is the
     *                      recipient, the rest of the line and the lines after it are its words (else the shared
     *                      line forms of {@link NoticeText#blocks} find the recipients)
     * @param reasonHeading text of the line over the paragraph that gives the reason for every recipient
     */
    record Markers(String begins, String ends, String recipientLine, String reasonHeading) {
    }

    private static final Pattern LINE_END = Pattern.compile("\r?\n");

    private final String name;
    private final Markers markers;

    MarkedNoticeParser(String name, Markers markers) {
        this.name = name;
        this.markers = markers;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected String notice(ReturnedMail mail) {
        String text = mail.text();
        int start = lineStartOf(text, markers.begins(), 0);
        int end = markers.ends().isEmpty() ? -1 : text.indexOf(markers.ends(), Math.max(start, 0));
        String notice = text.substring(Math.max(start, 0), end < 0 ? text.length() : end);
        return end < 0 ? NoticeText.notice(notice) : notice;
    }

    @Override
    protected List<NoticeText.Block> blocks(String notice, ReturnedMail mail) {
        List<NoticeText.Block> blocks = markers.recipientLine().isEmpty()
                ? NoticeText.blocks(notice) : recipientLines(notice);
        String reason = reason(notice);
        if (reason.isEmpty()) {
            return blocks;
        }
        List<NoticeText.Block> withReason = new ArrayList<>(blocks.size());
        for (NoticeText.Block b : blocks) {
            withReason.add(new NoticeText.Block(b.recipient(), reason));
        }
        return withReason;
    }

    /** The lines that the recipient marker opens, each with the words after its address. */
    private List<NoticeText.Block> recipientLines(String notice) {
        List<NoticeText.Block> blocks = new ArrayList<>();
        String recipient = null;
        StringBuilder words = new StringBuilder();
        String marker = markers.recipientLine().trim();
        for (String line : LINE_END.split(notice)) {
            String t = line.trim();
            String address = t.startsWith(marker) ? Addresses.first(t.substring(marker.length())) : "";
            if (!address.isEmpty()) {
                add(blocks, recipient, words);
                recipient = address;
                words.setLength(0);
                int after = t.toLowerCase(java.util.Locale.ROOT).indexOf(address) + address.length();
                String rest = after <= t.length() ? t.substring(after) : "";
                words.append(trimPunctuation(rest)).append('\n');
            } else if (recipient != null) {
                words.append(line).append('\n');
            }
        }
        add(blocks, recipient, words);
        return blocks;
    }

    /** What follows an address on its line, without the brackets and punctuation that close it. */
    private static String trimPunctuation(String rest) {
        int i = 0;
        while (i < rest.length() && ">.,;: \t".indexOf(rest.charAt(i)) >= 0) {
            i++;
        }
        return rest.substring(i);
    }

    private static void add(List<NoticeText.Block> blocks, String recipient, StringBuilder words) {
        if (recipient != null) {
            blocks.add(new NoticeText.Block(recipient, words.toString().trim()));
        }
    }

    /** The paragraph under the reason heading (blank lines before it skipped), or empty. */
    private String reason(String notice) {
        if (markers.reasonHeading().isEmpty()) {
            return "";
        }
        int heading = notice.indexOf(markers.reasonHeading());
        if (heading < 0) {
            return "";
        }
        int start = notice.indexOf('\n', heading);
        if (start < 0) {
            return "";
        }
        StringBuilder reason = new StringBuilder();
        for (String line : LINE_END.split(notice.substring(start + 1))) {
            if (line.isBlank()) {
                if (reason.length() > 0) {
                    break;
                }
                continue;
            }
            reason.append(line.trim()).append('\n');
        }
        return reason.toString().trim();
    }

    /** The start of the line that contains the marker, at or after from; -1 when the marker is empty or absent. */
    private static int lineStartOf(String text, String marker, int from) {
        if (marker.isEmpty()) {
            return -1;
        }
        int at = text.indexOf(marker, from);
        return at < 0 ? -1 : text.lastIndexOf('\n', at) + 1;
    }
}
