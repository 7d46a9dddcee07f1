package org.kaers.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaers.signals.GammaPoissonShrinker.Cell;
import org.kaers.signals.GammaPoissonShrinker.Point;
import org.kaers.signals.GammaPoissonShrinker.Prior;

/**
 * The fitter against openEBGM's published CAERS example (openEBGM 0.9.1, vignettes "Hyperparameter Estimation"
 * and "Empirical Bayes Metrics"): its bundled {@code caers} data, FDA's CAERS 2012 dietary-supplement reports
 * (3,356 reports, 2,874 product names, 1,328 MedDRA terms; public domain, FDA CFSAN), as a CSV with the columns
 * {@code id,var1,var2,strat1} of openEBGM's data frame, committed as {@code src/test/resources/openebgm/caers.csv.gz}
 * (converted from openEBGM 0.9.1's {@code data/caers.rda} by {@code rda_to_csv.py} beside it; another copy can be
 * given with {@code -Dkaers.openebgm.caers=...} or {@code KAERS_OPENEBGM_CAERS}).
 * <p>
 * The (N, E) table is counted as openEBGM's {@code processRaw(stratify = FALSE, zeroes = FALSE)} does: N the
 * distinct report ids of each (product, term) pair, E = (ids of the product / all ids) x ids of the term.
 */
class OpenEbgmCaersTest {

    /** vignette04: autoHyper on squashData(processed) then squashData(count = 2, bin_size = 10, keep_pts = 50). */
    private static final Prior PUBLISHED = new Prior(3.25379356, 0.39988854, 2.02612692, 1.90807970, 0.06534557);
    /** vignette03: autoHyper on the full, unsquashed table. */
    private static final Prior PUBLISHED_FULL = new Prior(3.25596685, 0.39998994, 2.02376139, 1.90614108, 0.06530755);

    /** vignette04's five most suspicious pairs: product, term, N, E, EB05, EBGM, EB95. */
    private static final Object[][] PAIRS = {
        {"REUMOFAN PLUS", "WEIGHT INCREASED", 16, 0.40643623, 15.68, 23.26, 33.48},
        {"HYDROXYCUT REGULAR RAPID RELEASE CAPLETS", "EMOTIONAL DISTRESS", 19, 0.89690107, 11.65, 16.78, 23.55},
        {"REUMOFAN PLUS", "IMMOBILE", 6, 0.07866508, 10.16, 18.28, 30.83},
        {"HYDROXYCUT HARDCORE CAPSULES", "CARDIO-RESPIRATORY DISTRESS", 8, 0.30482718, 9.00, 15.25, 24.52},
        {"HYDROXYCUT REGULAR RAPID RELEASE CAPLETS", "INJURY", 11, 0.56317044, 8.98, 14.28, 21.78}
    };

    private static Map<List<String>, Cell> table;

    @BeforeAll
    static void read() throws IOException {
        Map<List<String>, Set<String>> pairs = new HashMap<>();
        Map<String, Set<String>> products = new HashMap<>();
        Map<String, Set<String>> terms = new HashMap<>();
        Set<String> ids = new HashSet<>();
        try (Reader in = openData()) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(in)) {
                String id = r.get("id");
                ids.add(id);
                products.computeIfAbsent(r.get("var1"), k -> new HashSet<>()).add(id);
                terms.computeIfAbsent(r.get("var2"), k -> new HashSet<>()).add(id);
                pairs.computeIfAbsent(List.of(r.get("var1"), r.get("var2")), k -> new HashSet<>())
                        .add(id);
            }
        }
        table = new HashMap<>();
        double total = ids.size();
        pairs.forEach((k, v) -> table.put(
                k,
                new Cell(
                        v.size(),
                        products.get(k.get(0)).size()
                                / total
                                * terms.get(k.get(1)).size())));
    }

    /** openEBGM's {@code caers} data frame as CSV: the committed copy, or the file the property names. */
    static Reader openData() throws IOException {
        String given = System.getProperty("kaers.openebgm.caers", System.getenv("KAERS_OPENEBGM_CAERS"));
        java.io.InputStream in = given != null
                ? Files.newInputStream(Path.of(given))
                : OpenEbgmCaersTest.class.getResourceAsStream("/openebgm/caers.csv.gz");
        if (in == null) {
            throw new IllegalStateException("src/test/resources/openebgm/caers.csv.gz is missing");
        }
        if (given == null || given.endsWith(".gz")) {
            in = new java.util.zip.GZIPInputStream(in);
        }
        return new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }

    @Test
    void theTableIsOpenEbgmsTable() {
        assertThat(table).hasSize(17_189);
        for (Object[] pair : PAIRS) {
            Cell cell = table.get(List.of((String) pair[0], (String) pair[1]));
            assertThat(cell.n()).isEqualTo(((Integer) pair[2]).longValue());
            assertThat(cell.e()).isCloseTo((Double) pair[3], within(5e-9));
        }
    }

    @Test
    void theLikelihoodIsOpenEbgmsNegLLsquash() {
        // vignette03: nlm(negLLsquash, squashData(processed)) reaches 4162.496 at this estimate.
        List<Point> squashed = GammaPoissonShrinker.squash(GammaPoissonShrinker.points(cells()), 1, 50, 100);
        assertThat(squashed).hasSize(1568);
        Prior nlm = new Prior(3.25086926, 0.39971401, 2.02581887, 1.90806636, 0.06539159);
        assertThat(-GammaPoissonShrinker.logLikelihood(squashed, nlm)).isCloseTo(4162.496, within(5e-4));
        // vignette03: autoHyper over the full table reaches 4162.456.
        assertThat(-GammaPoissonShrinker.logLikelihood(GammaPoissonShrinker.points(cells()), PUBLISHED_FULL))
                .isCloseTo(4162.456, within(5e-4));
    }

    @Test
    void theFitOnOpenEbgmsSquashedPointsIsItsPublishedFit() {
        List<Point> points = GammaPoissonShrinker.squash(
                GammaPoissonShrinker.squash(GammaPoissonShrinker.points(cells()), 1, 50, 100), 2, 10, 50);
        GammaPoissonShrinker.Fit fit = GammaPoissonShrinker.fitPoints(points, table.size());
        assertWithinOnePercent(fit, PUBLISHED);
        assertPublishedPairs(fit.prior());
    }

    @Test
    void theServicesFitIsOpenEbgmsFit() {
        // The service squashes as autoSquash does; the maximum is the same within 1% and the pairs to 0.01.
        GammaPoissonShrinker.Fit fit = GammaPoissonShrinker.fit(cells());
        assertWithinOnePercent(fit, PUBLISHED);
        assertWithinOnePercent(fit, PUBLISHED_FULL);
        assertPublishedPairs(fit.prior());
    }

    private static List<Cell> cells() {
        return new ArrayList<>(table.values());
    }

    private static void assertWithinOnePercent(GammaPoissonShrinker.Fit fit, Prior expected) {
        assertThat(fit.converged()).as("converged, warnings %s", fit.warnings()).isTrue();
        Prior p = fit.prior();
        assertThat(p.alpha1()).isCloseTo(expected.alpha1(), within(0.01 * expected.alpha1()));
        assertThat(p.beta1()).isCloseTo(expected.beta1(), within(0.01 * expected.beta1()));
        assertThat(p.alpha2()).isCloseTo(expected.alpha2(), within(0.01 * expected.alpha2()));
        assertThat(p.beta2()).isCloseTo(expected.beta2(), within(0.01 * expected.beta2()));
        assertThat(p.p()).isCloseTo(expected.p(), within(0.01 * expected.p()));
    }

    /** Published to two decimals: equal to them when rounded, within 0.01 allowing for that rounding. */
    private static void assertPublishedPairs(Prior prior) {
        for (Object[] pair : PAIRS) {
            Cell cell = table.get(List.of((String) pair[0], (String) pair[1]));
            GammaPoissonShrinker.Posterior post = GammaPoissonShrinker.posterior(prior, cell.n(), cell.e());
            assertThat(post.eb05()).as("EB05 %s x %s", pair[0], pair[1]).isCloseTo((Double) pair[4], within(0.01));
            assertThat(post.ebgm()).as("EBGM %s x %s", pair[0], pair[1]).isCloseTo((Double) pair[5], within(0.01));
            assertThat(post.eb95()).as("EB95 %s x %s", pair[0], pair[1]).isCloseTo((Double) pair[6], within(0.01));
        }
    }
}
