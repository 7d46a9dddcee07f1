package org.kaers.duplicates;

import java.time.LocalDate;
import java.util.Set;

/**
 * What record linkage compares of a case (its latest version): age in years, sex, country, the earliest onset,
 * coded product keys (the vocabulary's product id, else the normalised name), normalised vendors and lots,
 * coded reaction keys (term id, else the normalised verbatim) and the reporting centre's reference.
 */
record CaseFeatures(
        long id,
        String caseNumber,
        Double ageYears,
        String sex,
        String country,
        LocalDate onset,
        Set<String> products,
        Set<String> vendors,
        Set<String> lots,
        Set<String> reactions,
        String centreReference) {

    /** Vendor names compared without case, spaces or punctuation. */
    static String normaliseVendor(String vendor) {
        if (vendor == null) {
            return null;
        }
        String s = vendor.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return s.isEmpty() ? null : s;
    }

    /** Lot strings compared upper-case without spaces, punctuation or a leading "LOT". */
    static String normaliseLot(String lot) {
        if (lot == null) {
            return null;
        }
        String s = lot.toUpperCase(java.util.Locale.ROOT)
                .replaceAll("[^A-Z0-9]", "")
                .replaceFirst("^LOT", "");
        return s.isEmpty() ? null : s;
    }

    /**
     * References compared upper-case, letters and digits only (a loop rather than a pattern: screening compares
     * every candidate's reference, issue 16).
     */
    static String normaliseReference(String reference) {
        if (reference == null) {
            return null;
        }
        String upper = reference.toUpperCase(java.util.Locale.ROOT);
        StringBuilder s = new StringBuilder(upper.length());
        for (int i = 0; i < upper.length(); i++) {
            char ch = upper.charAt(i);
            if (ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9') {
                s.append(ch);
            }
        }
        return s.isEmpty() ? null : s.toString();
    }
}
