package org.kaers.vocabulary;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The curated reference lists shipped as CSV in {@code src/main/resources/vocabulary/} (reviewable in a
 * pull request) and loaded into the database by the repeatable migration {@code R__Reference_vocabulary}.
 */
public final class VocabularyFiles {

    public static final String TERMS = "vocabulary/symptom_terms.csv";
    public static final String SUBSTANCES = "vocabulary/substances.csv";
    public static final String PRODUCTS = "vocabulary/products.csv";
    public static final String PROTECTED_WORDS = "vocabulary/protected_words.txt";

    /** One curated symptom term: code, preferred name, organ class and synonyms. */
    public record TermRow(String code, String preferredName, String organClass, List<String> synonyms) {}

    /**
     * One substance with the regular expression (alternatives joined by |) that detects it in a product
     * name in {@link TextNormalizer#basic} form; empty for OTHER and UNKNOWN.
     */
    public record SubstanceRow(String code, String name, String category, String detectionPattern) {}

    private VocabularyFiles() {}

    public static List<TermRow> terms() {
        List<TermRow> rows = new ArrayList<>();
        for (CSVRecord r : read(TERMS)) {
            rows.add(new TermRow(
                    r.get("code").strip(),
                    r.get("preferred_name").strip(),
                    r.get("organ_class").strip(),
                    split(r.get("synonyms"))));
        }
        return rows;
    }

    public static List<SubstanceRow> substances() {
        List<SubstanceRow> rows = new ArrayList<>();
        for (CSVRecord r : read(SUBSTANCES)) {
            rows.add(new SubstanceRow(
                    r.get("code").strip(),
                    r.get("name").strip(),
                    r.get("category").strip(),
                    r.get("detection_pattern").strip()));
        }
        return rows;
    }

    /** One curated canonical product with its aliases. */
    public record ProductRow(String name, String vendor, String form, String substance, List<String> aliases) {}

    public static List<ProductRow> products() {
        List<ProductRow> rows = new ArrayList<>();
        for (CSVRecord r : read(PRODUCTS)) {
            rows.add(new ProductRow(
                    r.get("name").strip(),
                    blankToNull(r.get("vendor")),
                    blankToNull(r.get("form")),
                    r.get("substance").strip(),
                    split(r.get("aliases"))));
        }
        return rows;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Words that spelling tolerance never bends (see the file's header). */
    public static java.util.Set<String> protectedWords() {
        try (InputStream in = open(PROTECTED_WORDS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(TextNormalizer::forMatching)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Texts that exercise every rule of {@link TextNormalizer#forMatching}: case, accents and compatibility forms,
     * punctuation and spacing, each British spelling fragment, the singular and its exceptions, digits. With the
     * curated names themselves they fingerprint the normaliser, so that changing it changes {@link #checksum()}.
     */
    static final List<String> NORMALISER_PROBES = List.of(
            "Diarrhoea!!",
            "DIARRHOEAS",
            "  Naus\u00e9e\tand   vomiting ",
            "\ufb01ne \u2168 \u00bd",
            "7-OH-mitragynine 15mg/tab",
            "haemorrhage anaemia leukaemia paediatric paraesthesia faeces caesarean gynaecology",
            "oesophagitis oedema oestrogen foetal hospitalisation tumour behaviour colour odour centre litre",
            "ischaemia coeliac",
            "seizures tremors glass virus iris bus gas",
            "rash's O'Brien's co-ingestant \u2013 \u201cquoted\u201d",
            "\u0130stanbul \u00df \u00e6 \u00f8");

    /**
     * The migration's checksum: CRC32 of the files and of the normal form of every curated name and probe, so the
     * migration runs again (and re-keys what is stored, see {@code R__Reference_vocabulary}) whenever a list changes
     * or {@link TextNormalizer} normalises any of them differently.
     */
    public static int checksum() {
        return checksum(TextNormalizer::forMatching);
    }

    static int checksum(UnaryOperator<String> normaliser) {
        CRC32 crc = new CRC32();
        for (String file : new String[] {TERMS, SUBSTANCES, PRODUCTS, PROTECTED_WORDS}) {
            try (InputStream in = open(file)) {
                crc.update(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> texts = new ArrayList<>(NORMALISER_PROBES);
        for (TermRow term : terms()) {
            texts.add(term.preferredName());
            texts.addAll(term.synonyms());
        }
        for (ProductRow product : products()) {
            texts.add(product.name());
            texts.addAll(product.aliases());
        }
        for (String text : texts) {
            crc.update(normaliser.apply(text).getBytes(StandardCharsets.UTF_8));
            crc.update('\n');
        }
        return (int) crc.getValue();
    }

    private static List<String> split(String pipeSeparated) {
        if (pipeSeparated == null || pipeSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(pipeSeparated.split("\\|"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static List<CSVRecord> read(String file) {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(false)
                .setIgnoreEmptyLines(true)
                .get();
        try (Reader reader = new InputStreamReader(open(file), StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static InputStream open(String file) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(file);
        if (in == null) {
            in = VocabularyFiles.class.getClassLoader().getResourceAsStream(file);
        }
        if (in == null) {
            throw new IllegalStateException("missing resource " + file);
        }
        return in;
    }
}
