package org.rebound.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** How the report command writes a breakdown: CSV (RFC 4180, one row per reason, type and provider) or JSON. */
public enum BreakdownFormat {
    CSV, JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static BreakdownFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format must be csv or json, not '" + text + "'", e);
        }
    }

    public void write(BounceBreakdown b, Writer out) throws IOException {
        if (this == JSON) {
            out.write(MAPPER.writeValueAsString(b));
            out.write("\n");
            return;
        }
        // Each row repeats the scope and its totals, so that rows of several reports concatenate into one table.
        out.write("scope,subject,sent,bounces,hard,complaints,reason,type,provider,count\r\n");
        for (BounceBreakdown.Row r : b.rows()) {
            out.write(String.join(",", field(b.scope()), field(b.subject()), Integer.toString(b.sent()),
                    Integer.toString(b.bounces()), Integer.toString(b.hard()), Integer.toString(b.complaints()),
                    field(r.reason()), field(r.type()), field(r.provider()), Integer.toString(r.count())));
            out.write("\r\n");
        }
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180 section 2). */
    static String field(String value) {
        if (value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
