package org.kaers.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The statement for a batch of source-coded terms without FUZZY codings is the full one minus the replacement. */
class SourceCodedSqlTest {

    @Test
    void theInsertOnlyStatementHasNoUpdateAndKeepsTheInsert() {
        assertThat(SymptomCoder.SOURCE_CODED_SQL).contains("update verbatim_coding");
        assertThat(SymptomCoder.SOURCE_CODED_INSERT_SQL)
                .doesNotContainIgnoringCase("update")
                .doesNotContain("replaced")
                .startsWith(SymptomCoder.SOURCE_CODED_SQL.substring(0, SymptomCoder.SOURCE_CODED_SQL.indexOf("),")))
                .endsWith(SymptomCoder.SOURCE_CODED_SQL.substring(
                        SymptomCoder.SOURCE_CODED_SQL.indexOf("insert into verbatim_coding")));
    }
}
