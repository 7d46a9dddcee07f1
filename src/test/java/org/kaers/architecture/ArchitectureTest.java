package org.kaers.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows between the feature packages (README, "Architecture"; ../shared/STYLE.md): which package may use
 * which, no cycle between feature packages, resources without SQL or transactions, services without JAX-RS types.
 * Every rule is enforced as it is: none is frozen, so any violation fails the build.
 */
class ArchitectureTest {

    private static final String ROOT = "org.kaers";
    private static final List<String> FEATURES = List.of(
            "report",
            "vocabulary",
            "statistics",
            "signals",
            "imports",
            "causality",
            "duplicates",
            "clusters",
            "web",
            "security",
            "common");
    /** What each package may use of the others (besides itself); everything else is forbidden. */
    private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
            Map.entry("common", List.of()),
            Map.entry("security", List.of("common")),
            Map.entry("report", List.of("common", "security", "vocabulary")),
            Map.entry("vocabulary", List.of("common", "security")),
            Map.entry("statistics", List.of("common", "security", "report", "vocabulary")),
            Map.entry("signals", List.of("common", "security", "statistics")),
            Map.entry("imports", List.of("common", "security", "report", "vocabulary")),
            Map.entry("causality", List.of("common", "security", "report", "vocabulary")),
            Map.entry("duplicates", List.of("common", "security", "report")),
            Map.entry("clusters", List.of("common", "security", "report")),
            Map.entry("openfda", List.of("common", "security", "statistics")),
            Map.entry("fhir", List.of("common", "security", "report", "vocabulary", "causality")),
            // issue #19: the pages call the API; they use report's, causality's and vocabulary's (model) enumerations
            // for what forms offer
            Map.entry("web", List.of("common", "security", "report", "vocabulary", "causality")));

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void everyFeaturePackageHasItsArrows() {
        List<String> present = classes.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith(ROOT + "."))
                .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0])
                .distinct()
                .filter(p -> !p.equals("architecture"))
                .toList();
        org.assertj.core.api.Assertions.assertThat(ALLOWED.keySet())
                .as("a new top-level package needs its allowed arrows here")
                .containsAll(present);
    }

    /** openfda (issue 18) is an outer adapter: it reads statistics' disclosure, and nothing depends on it. */
    @Test
    void nothingDependsOnTheOpenFdaAdapter() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".openfda..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".openfda..")
                .check(classes);
    }

    @Test
    void commonAndSecurityDependOnNoFeature() {
        forbidden("common").check(classes);
        forbidden("security").check(classes);
    }

    @Test
    void featuresUseOnlyTheirAllowedPackages() {
        for (String feature : List.of(
                "report",
                "statistics",
                "signals",
                "imports",
                "causality",
                "duplicates",
                "clusters",
                "openfda",
                "fhir",
                "web",
                "vocabulary")) {
            forbidden(feature).check(classes);
        }
    }

    /**
     * No cycles: the allowed arrows form no cycle, so a cycle needs an arrow the rules above refuse.
     */
    @Test
    void theAllowedArrowsHaveNoCycle() {
        for (String start : ALLOWED.keySet()) {
            java.util.Deque<List<String>> paths = new java.util.ArrayDeque<>();
            paths.push(List.of(start));
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : ALLOWED.get(path.get(path.size() - 1))) {
                    org.assertj.core.api.Assertions.assertThat(next)
                            .as("cycle through " + path)
                            .isNotEqualTo(start);
                    if (!path.contains(next)) {
                        List<String> longer = new java.util.ArrayList<>(path);
                        longer.add(next);
                        paths.push(longer);
                    }
                }
            }
        }
    }

    /** The packages as built have no cycle either (the check above is of the allowed arrows, this of the code). */
    @Test
    void theFeaturePackagesHaveNoCycle() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching(ROOT + ".(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    /**
     * Besides its {@code model} package, what a feature offers the others: the services injected across features,
     * each with the reason. Everything else of a feature is its own (and package-private where Quarkus allows).
     */
    private static final Map<String, String> PUBLISHED_SERVICES = Map.ofEntries(
            Map.entry(ROOT + ".report.CaseReads", "reads of cases and versions, for causality and FHIR"),
            Map.entry(ROOT + ".report.CaseReportService", "intake and follow-ups, for FHIR bundles"),
            Map.entry(ROOT + ".report.CaseImports", "batches of imported cases, for imports (with its records)"),
            Map.entry(ROOT + ".report.SourceOutcomes", "the source's own outcome lists, for imports"),
            Map.entry(ROOT + ".report.CaseNullification", "nullifying a duplicate, for duplicates"),
            Map.entry(ROOT + ".causality.CausalityService", "assessments, for FHIR"),
            Map.entry(ROOT + ".statistics.CaseCounts", "counted cases per cell, for signals"),
            Map.entry(ROOT + ".statistics.disclosure.Disclosure", "the released value of a cell, for openfda"),
            Map.entry(ROOT + ".vocabulary.ProductCoder", "coding product names at intake, for report"),
            Map.entry(ROOT + ".vocabulary.SymptomCoder", "coding reactions at intake and import"),
            Map.entry(ROOT + ".vocabulary.CodingLookup", "the codings of a case's texts, for report"));

    /**
     * Classes outside a feature use only its published types: its {@code model} package and the services above.
     * (common and security are used by everyone and have no model package.)
     */
    @Test
    void featuresUseOnlyPublishedTypes() {
        List<String> violations = new java.util.ArrayList<>();
        for (String feature : ALLOWED.keySet()) {
            if (feature.equals("common") || feature.equals("security")) {
                continue;
            }
            String home = ROOT + "." + feature;
            noClasses()
                    .that()
                    .resideOutsideOfPackage(home + "..")
                    .should()
                    .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                            "are of " + feature + " but neither in " + feature + ".model nor a published service",
                            (com.tngtech.archunit.core.domain.JavaClass c) ->
                                    (packageOf(c).equals(home) || packageOf(c).startsWith(home + "."))
                                            && !packageOf(c).startsWith(home + ".model")
                                            && !PUBLISHED_SERVICES.containsKey(outermost(c))))
                    .because("a feature publishes its model package and the services of PUBLISHED_SERVICES;"
                            + " the rest is its own")
                    .evaluate(classes)
                    .getFailureReport()
                    .getDetails()
                    .forEach(d -> violations.add(
                            feature + " publishes only " + feature + ".model and PUBLISHED_SERVICES: " + d));
        }
        org.assertj.core.api.Assertions.assertThat(violations)
                .as("uses of a feature's unpublished types")
                .isEmpty();
    }

    /**
     * What the write side of statistics ({@code statistics.aggregates}: queue, worker, cells) may use of the read
     * side: only the definitions of what is counted. Never a resource, a service, the disclosure model or the
     * read-side counts, so that folding changes in does not depend on how the counts are served.
     */
    private static final List<String> WRITE_SIDE_USES = List.of(
            ROOT + ".statistics.Dimension", // the dimensions and their levels: what a cell is keyed by
            ROOT + ".statistics.CountingRule", // which case versions count (built on report.model.CaseScope)
            ROOT + ".statistics.model.ReadSide"); // the qualifier of the entity manager (primary for writes)

    /** What the read side may use of the write side: the store (status, catch-up, rebuild, cell keys), not the worker. */
    private static final List<String> WRITE_SIDE_PUBLISHES = List.of(ROOT + ".statistics.aggregates.AggregateStore");

    @Test
    void theStatisticsWriteSideUsesOnlyTheDefinitionsOfTheReadSide() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".statistics.aggregates..")
                .should()
                .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are in statistics outside aggregates and not one of " + WRITE_SIDE_USES,
                        (com.tngtech.archunit.core.domain.JavaClass c) ->
                                packageOf(c).startsWith(ROOT + ".statistics")
                                        && !packageOf(c).startsWith(ROOT + ".statistics.aggregates")
                                        && !WRITE_SIDE_USES.contains(outermost(c))))
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".statistics.aggregates..")
                .should()
                .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are in statistics.aggregates and not one of " + WRITE_SIDE_PUBLISHES,
                        (com.tngtech.archunit.core.domain.JavaClass c) ->
                                packageOf(c).startsWith(ROOT + ".statistics.aggregates")
                                        && !WRITE_SIDE_PUBLISHES.contains(outermost(c))))
                .because("the worker and the rest of the write side are its own")
                .check(classes);
    }

    @Test
    void everyPagedListReadsItsPageAndItsTotalInOnePlace() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(ROOT + ".common.PageReads")
                .and()
                .doNotHaveFullyQualifiedName(ROOT + ".common.PageResponse")
                .should()
                .callMethod(
                        ROOT + ".common.PageResponse", "of", List.class.getName(), ROOT + ".common.PageRequest", "long")
                .orShould()
                .callConstructor(ROOT + ".common.PageResponse", List.class.getName(), "int", "int", "long", "int")
                .because("a page and its total are read from one snapshot (common.PageReads)")
                .check(classes);
    }

    /** The top-level class of {@code c} (a nested record or enum belongs to it; an array to its elements'). */
    private static String outermost(com.tngtech.archunit.core.domain.JavaClass c) {
        return c.getBaseComponentType().getName().split("\\$")[0];
    }

    private static String packageOf(com.tngtech.archunit.core.domain.JavaClass c) {
        return c.getBaseComponentType().getPackageName();
    }

    @Test
    void resourcesRunNoSqlAndNoTransactions() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Resource")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .because("resources are thin: SQL belongs to services and stores")
                .check(classes);
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Resource")
                .should()
                .beAnnotatedWith("jakarta.transaction.Transactional")
                .because("the service owns the transaction")
                .check(classes);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods()
                .that()
                .areDeclaredInClassesThat()
                .haveSimpleNameEndingWith("Resource")
                .should()
                .beAnnotatedWith("jakarta.transaction.Transactional")
                .because("the service owns the transaction")
                .check(classes);
    }

    /**
     * Query parameters are bound by JAX-RS (issue #15): only the HTTP edge (resources, the filters of common and
     * security, the pages, openFDA's own query contract) reads a raw query.
     */
    @Test
    void onlyTheHttpEdgeReadsRawQueries() {
        noClasses()
                .that()
                .haveSimpleNameNotEndingWith("Resource")
                .and()
                .resideOutsideOfPackages(ROOT + ".common..", ROOT + ".security..", ROOT + ".web..", ROOT + ".openfda..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.ws.rs.core.UriInfo")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.ws.rs.core.MultivaluedMap")
                .because("parameters are declared with @QueryParam or @BeanParam and bound before a service is called")
                .check(classes);
    }

    @Test
    void servicesTakeNoHttpTypes() {
        ArchRule rule = noClasses()
                .that()
                .haveSimpleNameEndingWith("Service")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.ws.rs..")
                .because("services are called with parsed values, not HTTP types");
        rule.check(classes);
    }

    private static ArchRule forbidden(String feature) {
        String[] others = FEATURES.stream()
                .filter(f -> !f.equals(feature) && !ALLOWED.get(feature).contains(f))
                .map(f -> ROOT + "." + f + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(ROOT + "." + feature + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because(feature + " may use only "
                        + Arrays.toString(ALLOWED.get(feature).toArray()));
    }
}
