package org.kaers.openfda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search parser's trees and their SQL, without a database: precedence, leaves, and values only as parameters. */
class SearchParserTest {

    private static final FoodEventField.Ref BRAND = new FoodEventField.Ref(FoodEventField.PRODUCTS_NAME_BRAND, false);
    private static final FoodEventField.Ref OUTCOMES_EXACT = new FoodEventField.Ref(FoodEventField.OUTCOMES, true);

    @Test
    void operatorsAndDefaultOr() {
        assertThat(SearchParser.parse("products.name_brand:kratom AND outcomes.exact:\"DEATH\""))
                .isEqualTo(new Search.And(
                        List.of(new Search.Term(BRAND, "kratom"), new Search.Term(OUTCOMES_EXACT, "DEATH"))));
        assertThat(SearchParser.parse("products.name_brand:a products.name_brand:b"))
                .isEqualTo(new Search.Or(List.of(new Search.Term(BRAND, "a"), new Search.Term(BRAND, "b"))));
        assertThat(SearchParser.parse("products.name_brand:a AND NOT (outcomes.exact:DEATH OR outcomes.exact:x)"))
                .isEqualTo(new Search.And(List.of(
                        new Search.Term(BRAND, "a"),
                        new Search.Not(new Search.Or(List.of(
                                new Search.Term(OUTCOMES_EXACT, "DEATH"), new Search.Term(OUTCOMES_EXACT, "x")))))));
        assertThat(SearchParser.parse("NOT products.name_brand:a"))
                .isEqualTo(new Search.Not(new Search.Term(BRAND, "a")));
    }

    @Test
    void leaves() {
        FoodEventField.Ref created = new FoodEventField.Ref(FoodEventField.DATE_CREATED, false);
        assertThat(SearchParser.parse("date_created:[20180101 TO 2018-12-31]"))
                .isEqualTo(new Search.Range(created, "20180101", "2018-12-31", true, true));
        assertThat(SearchParser.parse("date_created:{* TO 20180101}"))
                .isEqualTo(new Search.Range(created, null, "20180101", false, false));
        assertThat(SearchParser.parse("products.name_brand:kra*")).isEqualTo(new Search.Wildcard(BRAND, "kra*"));
        assertThat(SearchParser.parse("products.name_brand:*")).isEqualTo(new Search.Exists(BRAND));
        assertThat(SearchParser.parse("_missing_:products.name_brand"))
                .isEqualTo(new Search.Not(new Search.Exists(BRAND)));
        assertThat(SearchParser.parse("kratom")).isEqualTo(new Search.Term(null, "kratom"));
        assertThat(SearchParser.parse("")).isEqualTo(new Search.All());
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> SearchParser.parse("reactions:x!")).hasMessage("Search not supported: reactions:x!");
        assertThatThrownBy(() -> SearchParser.parse("reactions:(x")).hasMessageStartingWith("Search not supported");
        assertThatThrownBy(() -> SearchParser.parse("reactions:/x.*/")).hasMessageContaining("regular expressions");
        assertThatThrownBy(() -> SearchParser.parse("colour:red")).hasMessageContaining("unknown field colour");
        assertThatThrownBy(() -> new SearchSql().where(SearchParser.parse("reactions:[a TO b]")))
                .hasMessageContaining("ranges apply to dates");
        assertThatThrownBy(() -> SearchSql.date("20181301")).hasMessageContaining("Invalid date in search: 20181301");
        assertThat(SearchSql.date("2018-03-14"))
                .isEqualTo(SearchSql.date("20180314"))
                .isEqualTo(LocalDate.of(2018, 3, 14));
    }

    @Test
    void valuesAreParametersNeverSqlText() {
        String hostile = "products.name_brand:\"x' or '1'='1\" OR products.name_brand.exact:O\\'Brien* OR "
                + "consumer.gender:\"'); drop table case_report; --\"";
        SearchSql sql = new SearchSql();
        String where = sql.where(SearchParser.parse(hostile.replace(";", "")));
        assertThat(where).doesNotContain("1'='1").doesNotContain("Brien").doesNotContain("drop");
        assertThat(sql.params().values()).contains("% x or 1 1 %", "O'Brien%", "') drop table case_report --");
        // Words are letters and digits only, so a LIKE pattern of words holds no wildcard a user typed.
        assertThat(SearchSql.words("Maeng-Da_100%")).containsExactly("maeng", "da", "100");
    }
}
