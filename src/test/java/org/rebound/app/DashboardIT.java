package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard in a real headless browser (Debian's chromium, driven by Playwright) while the demo runs: the page
 * shows the demo's numbers. Skipped, saying so, where /usr/bin/chromium is not installed (.ci/run installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private DemoRun demo;
    private Playwright playwright;
    private Browser browser;
    private Page page;

    @BeforeAll
    void openTheDashboardOfADrainedDemo() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "DashboardIT skipped: no " + CHROMIUM
                + " (Debian's chromium package; .ci/run installs it)");
        demo = DemoRun.drained(TestDatabase.h2(), s -> s.with("rebound.reputation.check-period", "200"));
        RunningRebound.await("the demo's campaign alerts", java.time.Duration.ofSeconds(30),
                () -> demo.rebound.count("SELECT COUNT(*) FROM reputation_alert WHERE scope = 'campaign'") > 0);
        // The driver runs from the jar; no browser is ever downloaded: the test uses the system's chromium.
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--no-first-run")));
        page = browser.newPage();
        page.navigate("http://127.0.0.1:" + demo.rebound.settings.text("camel.server.port") + "/dashboard");
        PlaywrightAssertions.assertThat(page.locator("#status")).containsText("updated");
    }

    @AfterAll
    void stop() throws Exception {
        try (AutoCloseable d = demo; AutoCloseable p = playwright) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void thePageShowsTheDemosBounceEvents() {
        assertEquals(Integer.toString(demo.summary.bounceEvents()), page.textContent("#total-events"));
    }

    @Test
    void thePageShowsTheHardBouncesOfTheDemo() {
        int hard = demo.rebound.count("SELECT COUNT(*) FROM bounce_event WHERE bounce_type = 'hard'");
        assertEquals(Integer.toString(hard), page.textContent("#type-hard"));
    }

    @Test
    void theChartIsDrawn() {
        assertTrue(page.locator("#events-chart canvas").count() > 0, "no uPlot canvas in #events-chart");
    }

    @Test
    void eachDemoCampaignShowsItsMessagesSentAndAnAlert() {
        for (String campaign : List.of("demo-delivery-1", "demo-delivery-2", "demo-delivery-3")) {
            Locator cells = page.locator("#campaigns tr[data-campaign='" + campaign + "'] td");
            int sent = demo.rebound.count("SELECT COUNT(*) FROM sent_message WHERE delivery_id = '" + campaign + "'");
            assertEquals(Integer.toString(sent), cells.nth(1).textContent(), campaign);
            assertTrue(cells.nth(6).textContent().contains("critical bounce"), campaign + ": "
                    + cells.nth(6).textContent());
        }
    }

    @Test
    void theDeadLettersAreCounted() {
        assertEquals(Integer.toString(demo.summary.deadLettered()), page.textContent("#dead-letters"));
    }

    @Test
    void theReasonsTableNamesTheDemosCommonestReason() {
        assertTrue(page.locator("#reasons tbody tr").first().textContent().startsWith("userunknown"),
                page.locator("#reasons tbody tr").first().textContent());
    }

    @Test
    void anAddressLookedUpShowsItsState() throws Exception {
        String address = demo.rebound.rows("SELECT address FROM address WHERE state = 'QUARANTINED' ORDER BY address")
                .get(0);
        page.fill("#address", address);
        page.click("#lookup-form button");
        PlaywrightAssertions.assertThat(page.locator("#address-state")).hasText("QUARANTINED");
    }
}
