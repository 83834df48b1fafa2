package org.rebound;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domains (org.rebound.dsn, classify, correlate, store, pipeline, ...) stand on one another without circles:
 * each can be read, tested and changed knowing only the ones below it. The shared values of a returned message and
 * what becomes of it live in org.rebound.message, below every domain that passes them on; the command line
 * (org.rebound.cli) stands above the server (app) and the bench, which drives the server's jar. The rule holds for
 * sub-packages too: within dsn, mime reads MIME, the root package holds the report's values, phrase the phrase
 * tables, format the standard formats, mta the MTA-specific ones, and parse chooses among them.
 */
@AnalyzeClasses(packages = "org.rebound", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    @ArchTest
    static final ArchRule noTwoPackagesImportEachOtherInACircle =
            slices().matching("org.rebound.(**)").should().beFreeOfCycles();

    /**
     * The mailbox reads windows and lets go of what a committed window released; it learns that from the window, the
     * exchange's body (message.Window), and never reaches into the pipeline that records it.
     */
    @ArchTest
    static final ArchRule theMailboxKnowsNothingOfThePipeline = noClasses().that()
            .resideInAPackage("org.rebound.mailbox..").should().dependOnClassesThat()
            .resideInAPackage("org.rebound.pipeline..");
}
