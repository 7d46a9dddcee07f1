package org.kaers.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Generates a CAERS export (2004-2017 layout) with the shape of FDA's real 2004-2017 file (DOMAIN.md,
 * "Distributions of the real 2004-2017 file"): products per report 1 (83 %), 2 (8 %), 3-5 (6 %), 6 and more
 * (2 %); product names with a long tail (a new name on 54 % of product rows, otherwise an earlier row's name,
 * so a name's frequency grows with its popularity: most names occur once, the most frequent real name in about
 * 1 % of reports), realistic length (median about 32 characters), misspelt variants of earlier names, the
 * REDACTED placeholder (and its variants) in about a tenth of reports, C1 control characters for cp1252 quotes;
 * terms drawn from a Zipf law over about 4,500 MedDRA-like names (the most frequent in about a fifth of reports)
 * with 3.1 per report; age units, genders and roles in the real file's proportions; a few rows repeating a
 * report, product and role with the terms reordered; a few reports without a term.
 */
final class CaersShapedFile {

    static final String HEADER = "RA_Report #,RA_CAERS Created Date,AEC_Event Start Date,PRI_Product Role,"
            + "PRI_Reported Brand/Product Name,PRI_FDA Industry Code,PRI_FDA Industry Name,CI_Age at Adverse Event,"
            + "CI_Age Unit,CI_Gender,AEC_One Row Outcomes,SYM_One Row Coded Symptoms";

    private static final String[] SYLLABLES = {
        "na", "tu", "ra", "vi", "ta", "lo", "mi", "ne", "so", "ka", "ber", "gen", "pro", "max", "vel", "zen", "cor",
        "lix", "dra", "mon", "sol", "ter", "qui", "fen", "har", "bel"
    };
    private static final String[] LINES = {
        "VITAMIN D3",
        "MULTIVITAMIN",
        "PROTEIN SHAKE",
        "FISH OIL",
        "ENERGY SHOT",
        "GREEN TEA EXTRACT",
        "GARCINIA CAMBOGIA",
        "WEIGHT LOSS",
        "PROBIOTIC",
        "COLLAGEN PEPTIDES",
        "MELATONIN",
        "TURMERIC CURCUMIN",
        "ELDERBERRY",
        "MAGNESIUM",
        "CALCIUM + D",
        "VITAMIN C",
        "B COMPLEX",
        "IRON",
        "PRE WORKOUT",
        "WHEY PROTEIN",
        "KETO DIET",
        "APPLE CIDER VINEGAR",
        "ASHWAGANDHA",
        "CBD OIL",
        "ZINC",
        "OMEGA 3",
        "BIOTIN",
        "HAIR SKIN NAILS",
        "CRANBERRY",
        "GINKGO BILOBA",
        "ENERGY DRINK",
        "PEANUT BUTTER",
        "ICE CREAM",
        "SPINACH",
        "CEREAL",
        "CHOCOLATE BAR",
        "POTATO CHIPS",
        "BABY FORMULA",
        "LETTUCE",
        "CHICKEN"
    };
    private static final String[] VARIANTS = {
        "",
        "",
        "",
        "EXTRA STRENGTH",
        "WOMEN'S",
        "MENS",
        "PLUS",
        "ULTRA",
        "MAXIMUM",
        "ORIGINAL",
        "SUGAR FREE",
        "KIDS",
        "50+",
        "ADVANCED",
        "NIGHTTIME",
        "ORANGE",
        "CHERRY",
        "VANILLA"
    };
    private static final String[] STRENGTHS = {
        "",
        "",
        "",
        "1000 MG",
        "500MG",
        "5000 IU",
        "2000 IU",
        "60 CT",
        "120 COUNT",
        "16 OZ",
        "2 LB",
        "10 MG",
        "250 MCG",
        "30 SERVINGS"
    };
    private static final String[] FORMS = {
        "", "", "CAPSULES", "TABLETS", "SOFTGELS", "GUMMIES", "POWDER", "LIQUID", "DRINK", "CHEWABLE TABLETS"
    };
    private static final String[] PLACEHOLDERS = {
        "REDACTED", "REDACTED", "REDACTED", "REDACTED", "EXEMPTION 4", "(B)(4)", "Redacted"
    };
    private static final String[] KRATOM = {
        "KRATOM",
        "KRATOM POWDER",
        "MAENG DA KRATOM",
        "KRATOM CAPSULES",
        "RED BALI KRATOM",
        "KRATOM (MITRAGYNA SPECIOSA)",
        "KRATUM",
        "KRATOM TEA",
        "GREEN MALAY KRATOM",
        "KRATOM EXTRACT",
        "OPMS KRATOM",
        "MIT 45",
        "KRATOM LEAF",
        "WHITE VEIN KRATOM",
        "KRATOM SHOT",
        "KRAOTM",
        "KRATOM CAPS",
        "SUPER GREEN KRATOM",
        "RED VEIN KRATOM",
        "MITRAGYNA SPECIOSA"
    };
    private static final String[] OUTCOMES = {
        "NON-SERIOUS INJURIES/ ILLNESS",
        "VISITED AN ER",
        "VISITED A HEALTH CARE PROVIDER",
        "HOSPITALIZATION",
        "OTHER SERIOUS (IMPORTANT MEDICAL EVENTS)",
        "LIFE THREATENING",
        "DISABILITY",
        "REQ. INTERVENTION TO PRVNT PERM. IMPRMNT.",
        "SERIOUS INJURIES/ ILLNESS",
        "NONE",
        "DEATH",
        "CONGENITAL ANOMALY"
    };
    private static final double[] OUTCOME_WEIGHTS = {30, 22, 18, 14, 8, 3, 2, 2, 6, 4, 1.5, 0.2};

    private final Random random;
    private final List<String> terms;
    private final double[] termCdf;
    /** Every product name written so far, once per row: drawing from it is drawing by popularity. */
    private final List<String> occurrences = new ArrayList<>();

    CaersShapedFile(long seed) {
        this.random = new Random(seed);
        this.terms = termPool(random);
        this.termCdf = new double[terms.size()];
        double sum = 0;
        for (int k = 0; k < terms.size(); k++) {
            sum += 1.0 / (k + 1);
            termCdf[k] = sum;
        }
        for (int k = 0; k < terms.size(); k++) {
            termCdf[k] /= sum;
        }
    }

    /** Writes {@code rows} data rows to {@code file}, report numbers starting with {@code prefix}; returns the reports. */
    int write(Path file, int rows, String prefix) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write('\uFEFF');
            out.write(HEADER);
            out.write('\n');
            int written = 0;
            int report = 0;
            while (written < rows) {
                report++;
                written += report(out, "%s%d-CFS-%07d".formatted(prefix, 2004 + report % 14, report), rows - written);
            }
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int report(BufferedWriter out, String number, int room) throws IOException {
        int products = Math.min(room, productsPerReport());
        String created = (1 + random.nextInt(12)) + "/" + (1 + random.nextInt(28)) + "/" + (2004 + random.nextInt(14));
        String event = random.nextInt(10) < 3 ? "" : created;
        int u = random.nextInt(100_000);
        String unit = u < 56_540
                ? "Year(s)"
                : u < 98_260
                        ? "Not Available"
                        : u < 99_640 ? "Month(s)" : u < 99_830 ? "Week(s)" : u < 99_990 ? "Day(s)" : "Decade(s)";
        String age = switch (unit) {
            case "Year(s)" -> String.valueOf(1 + random.nextInt(90));
            case "Month(s)" -> String.valueOf(1 + random.nextInt(23));
            case "Week(s)" -> String.valueOf(1 + random.nextInt(8));
            case "Day(s)" -> String.valueOf(1 + random.nextInt(27));
            case "Decade(s)" -> String.valueOf(1 + random.nextInt(9));
            default -> "";
        };
        int g = random.nextInt(1000);
        String gender = g < 649 ? "Female" : g < 946 ? "Male" : g < 999 ? "Not Available" : "Unknown";
        String outcomes = outcomes();
        List<String> reportTerms = random.nextInt(10_000) == 0 ? List.of() : terms(termsPerReport());
        String symptoms = String.join(", ", reportTerms);
        boolean redacted = random.nextInt(100) < 9;
        for (int p = 0; p < products; p++) {
            String role = p == 0 || random.nextInt(100) < 5 ? "Suspect" : "Concomitant";
            String name = p == 0 && redacted ? PLACEHOLDERS[random.nextInt(PLACEHOLDERS.length)] : productName();
            row(out, number, created, event, role, name, age, unit, gender, outcomes, symptoms);
            if (random.nextInt(3000) == 0 && reportTerms.size() > 1) {
                // FDA's file repeats a few rows with only the order of the terms changed.
                List<String> reordered = new ArrayList<>(reportTerms);
                java.util.Collections.reverse(reordered);
                row(out, number, created, event, role, name, age, unit, gender, outcomes, String.join(", ", reordered));
                return products + 1;
            }
        }
        return products;
    }

    private void row(
            BufferedWriter out,
            String number,
            String created,
            String event,
            String role,
            String name,
            String age,
            String unit,
            String gender,
            String outcomes,
            String symptoms)
            throws IOException {
        out.write(number + "," + created + "," + event + "," + role + "," + quote(name) + ",54,"
                + "\"Vit/Min/Prot/Unconv Diet(Human/Animal)\"," + age + "," + unit + "," + gender + ","
                + quote(outcomes) + "," + quote(symptoms) + "\n");
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private int productsPerReport() {
        int r = random.nextInt(64_517);
        if (r < 53_728) {
            return 1;
        }
        if (r < 59_051) {
            return 2;
        }
        if (r < 61_211) {
            return 3;
        }
        if (r < 62_460) {
            return 4;
        }
        if (r < 63_186) {
            return 5;
        }
        if (r < 64_293) {
            return 6 + random.nextInt(4);
        }
        return 11 + random.nextInt(10);
    }

    private int termsPerReport() {
        int r = random.nextInt(64_404);
        if (r < 21_150) {
            return 1;
        }
        if (r < 34_421) {
            return 2;
        }
        if (r < 44_101) {
            return 3;
        }
        if (r < 50_855) {
            return 4;
        }
        if (r < 55_398) {
            return 5;
        }
        if (r < 63_109) {
            return 6 + random.nextInt(5);
        }
        return 11 + random.nextInt(10);
    }

    private List<String> terms(int n) {
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < n) {
            double x = random.nextDouble();
            int k = java.util.Arrays.binarySearch(termCdf, x);
            chosen.add(terms.get(k >= 0 ? k : Math.min(terms.size() - 1, -k - 1)));
        }
        return new ArrayList<>(chosen);
    }

    private String outcomes() {
        int n = 1 + (random.nextInt(10) < 3 ? 1 + random.nextInt(2) : 0);
        Set<String> chosen = new LinkedHashSet<>();
        double total = java.util.Arrays.stream(OUTCOME_WEIGHTS).sum();
        while (chosen.size() < n) {
            double x = random.nextDouble() * total;
            int i = 0;
            while (x > OUTCOME_WEIGHTS[i]) {
                x -= OUTCOME_WEIGHTS[i];
                i++;
            }
            chosen.add(OUTCOMES[i]);
        }
        return String.join(", ", chosen);
    }

    private String productName() {
        String name;
        if (random.nextInt(2000) == 0) {
            name = KRATOM[random.nextInt(KRATOM.length)];
        } else if (occurrences.isEmpty() || random.nextInt(100) < 54) {
            name = occurrences.isEmpty() || random.nextInt(100) < 90 ? freshName() : typo(pick());
        } else {
            name = pick();
        }
        occurrences.add(name);
        return name;
    }

    private String pick() {
        return occurrences.get(random.nextInt(occurrences.size()));
    }

    private String freshName() {
        StringBuilder brand = new StringBuilder();
        int syllables = 2 + random.nextInt(3);
        for (int i = 0; i < syllables; i++) {
            brand.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        String b = brand.toString().toUpperCase(Locale.ROOT);
        if (random.nextInt(4) == 0) {
            b = b + (random.nextInt(200) == 0 ? "\u0092S" : "'S"); // a cp1252 quote decoded as Latin-1 upstream
        }
        String name = String.join(
                        " ",
                        List.of(
                                b,
                                LINES[random.nextInt(LINES.length)],
                                VARIANTS[random.nextInt(VARIANTS.length)],
                                STRENGTHS[random.nextInt(STRENGTHS.length)],
                                FORMS[random.nextInt(FORMS.length)]))
                .replaceAll(" +", " ")
                .strip();
        return name.length() > 200 ? name.substring(0, 200).strip() : name;
    }

    private String typo(String name) {
        if (name.length() < 6) {
            return name + "S";
        }
        int at = 1 + random.nextInt(name.length() - 2);
        char[] chars = name.toCharArray();
        char c = chars[at];
        chars[at] = chars[at + 1];
        chars[at + 1] = c;
        return new String(chars);
    }

    /** About 4,500 MedDRA-like names: the vocabulary's capitalised names first (most frequent), then generated ones. */
    private static List<String> termPool(Random random) {
        Set<String> pool = new LinkedHashSet<>(List.of(
                "NAUSEA",
                "VOMITING",
                "DIARRHOEA",
                "ABDOMINAL PAIN",
                "HEADACHE",
                "DIZZINESS",
                "FATIGUE",
                "RASH",
                "CHOKING",
                "MALAISE",
                "PAIN",
                "HYPERSENSITIVITY",
                "DYSPNOEA",
                "PRURITUS",
                "ABDOMINAL PAIN UPPER",
                "CHEST PAIN",
                "PALPITATIONS",
                "HEART RATE INCREASED",
                "INSOMNIA",
                "ANXIETY",
                "HALLUCINATION, VISUAL",
                "HALLUCINATION, AUDITORY",
                "DEATH",
                "SEIZURE",
                "TACHYCARDIA",
                "JAUNDICE"));
        try (InputStream in = CaersShapedFile.class.getResourceAsStream("/vocabulary/symptom_terms.csv");
                CSVParser csv = CSVParser.parse(
                        in,
                        StandardCharsets.UTF_8,
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .get())) {
            for (CSVRecord r : csv) {
                pool.add(r.get("preferred_name").toUpperCase(Locale.ROOT));
                for (String s : r.get("synonyms").split("\\|")) {
                    if (!s.isBlank() && s.equals(s.toUpperCase(Locale.ROOT))) {
                        pool.add(s.strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] organs = {
            "HEPATIC",
            "RENAL",
            "CARDIAC",
            "GASTRIC",
            "CEREBRAL",
            "PULMONARY",
            "THYROID",
            "SKIN",
            "BLOOD",
            "MUSCLE",
            "JOINT",
            "EYE",
            "EAR",
            "BONE",
            "NERVE",
            "BLADDER",
            "PANCREATIC",
            "SPLENIC",
            "LYMPH NODE"
        };
        String[] tails = {
            "DISORDER",
            "PAIN",
            "SWELLING",
            "HAEMORRHAGE",
            "INFECTION",
            "NEOPLASM",
            "FAILURE",
            "ENLARGEMENT",
            "DISCOMFORT",
            "INJURY",
            "CYST",
            "OEDEMA",
            "INFLAMMATION",
            "ATROPHY",
            "LESION"
        };
        String[] labs = {
            "ALANINE AMINOTRANSFERASE",
            "BLOOD GLUCOSE",
            "BLOOD PRESSURE",
            "HAEMOGLOBIN",
            "BLOOD SODIUM",
            "BLOOD POTASSIUM",
            "PLATELET COUNT",
            "WHITE BLOOD CELL COUNT",
            "BLOOD CREATININE",
            "LIPASE"
        };
        while (pool.size() < 4500) {
            String term = random.nextBoolean()
                    ? organs[random.nextInt(organs.length)] + " " + tails[random.nextInt(tails.length)]
                    : labs[random.nextInt(labs.length)] + (random.nextBoolean() ? " INCREASED" : " DECREASED");
            if (!pool.add(term)) {
                pool.add(term + " " + (char) ('A' + random.nextInt(26)) + random.nextInt(100));
            }
        }
        return new ArrayList<>(pool);
    }
}
