package org.rebound.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.rebound.text.RuleDataFiles;

class ReceivingProvidersTest {

    private static final ReceivingProviders SHIPPED = ReceivingProviders.of(Path.of("rules"));

    @Test
    void aGmailAddressIsGoogles() {
        assertEquals("google", SHIPPED.of("someone@gmail.com", ""));
    }

    @Test
    void aSubdomainOfAProvidersDomainIsTheProviders() {
        assertEquals("yahoo", SHIPPED.of("someone@mail.yahoo.co.jp", ""));
    }

    @Test
    void aCompanyDomainHostedByMicrosoftIsMicrosoftsByItsRemoteMta() {
        assertEquals("microsoft", SHIPPED.of("ceo@example.com", "dns; example-com.mail.protection.outlook.com"));
    }

    @Test
    void aRemoteMtaWithATrailingDotAndCommentIsReadAsItsHost() {
        assertEquals("google", SHIPPED.of("list@googlegroups.com",
                "gmr-smtp-in.l.google.com. (2607:f8b0:400e:c03::e, the server for the domain googlegroups.com.)"));
    }

    @Test
    void theDomainDecidesBeforeTheHost() {
        assertEquals("orange", SHIPPED.of("someone@orange.fr", "mx.prod.outlook.com"));
    }

    @Test
    void anUnknownRecipientIsOther() {
        assertEquals(ReceivingProviders.OTHER, SHIPPED.of("someone@example.org", "mx.example.org"));
    }

    @Test
    void aHostWithoutALeadingDotMatchesOnlyItself() {
        assertEquals(ReceivingProviders.OTHER, SHIPPED.of("a@example.org", "evil-smtp.secureserver.net"));
    }

    @Test
    void theNamesAreTheTablesAndOtherLast() {
        assertTrue(SHIPPED.names().contains("google"));
        assertEquals(ReceivingProviders.OTHER, SHIPPED.names().get(SHIPPED.names().size() - 1));
    }

    @Test
    void aProviderNamedOtherIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReceivingProviders.load(
                new RuleDataFiles.Text("p.yaml", "- {provider: other, source: s, domains: [a.com]}\n")));
        assertTrue(e.getMessage().startsWith("p.yaml: "), e.getMessage());
    }

    @Test
    void anUpperCaseDomainIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReceivingProviders.load(
                new RuleDataFiles.Text("p.yaml", "- {provider: x, source: s, domains: [A.com]}\n")));
    }
}
