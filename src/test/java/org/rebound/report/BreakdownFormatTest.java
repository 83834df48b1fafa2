package org.rebound.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class BreakdownFormatTest {

    private static final BounceBreakdown CAMPAIGN = new BounceBreakdown("campaign", "spring, \"sale\"", 200, 12, 10,
            1, List.of(new BounceBreakdown.Row("userunknown", "hard", "google", 10),
                    new BounceBreakdown.Row("feedback", "none", "other", 1)));

    @Test
    void csvHasAHeaderAndOneRowPerReasonTypeAndProvider() throws IOException {
        String[] lines = write(BreakdownFormat.CSV).split("\r\n");
        assertEquals(3, lines.length);
        assertEquals("scope,subject,sent,bounces,hard,complaints,reason,type,provider,count", lines[0]);
    }

    @Test
    void aCsvFieldWithACommaOrAQuoteIsQuoted() throws IOException {
        assertTrue(write(BreakdownFormat.CSV).contains("campaign,\"spring, \"\"sale\"\"\",200,"));
    }

    @Test
    void jsonCarriesTheRates() throws IOException {
        String json = write(BreakdownFormat.JSON);
        assertTrue(json.contains("\"hardBounceRate\" : 0.05"), json);
        assertTrue(json.contains("\"complaintRate\" : 0.005"), json);
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BreakdownFormat.parse("xml"));
        assertEquals("format must be csv or json, not 'xml'", e.getMessage());
    }

    private static String write(BreakdownFormat format) throws IOException {
        StringWriter out = new StringWriter();
        format.write(CAMPAIGN, out);
        return out.toString();
    }
}
