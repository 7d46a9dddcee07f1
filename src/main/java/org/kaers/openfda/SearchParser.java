package org.kaers.openfda;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * Reads openFDA's {@code search} parameter with Lucene's classic query parser (the syntax of Elasticsearch's
 * query_string, which openFDA hands the search to): field:term, quoted phrases, AND / OR / NOT and {@code +}/{@code -}
 * prefixes, parentheses, default OR, inclusive and exclusive ranges, {@code *} wildcards, {@code _exists_} and
 * {@code _missing_}. The parser's leaves are kept as written (no analysis here; {@link SearchSql} matches them
 * the way each field is indexed) and the result is a {@link Search} tree. Everything a client can get wrong is an
 * {@link OpenFdaError} 400.
 */
final class SearchParser {

    /** openFDA's characters (FDA/openfda api/faers/elasticsearch_query.js, SUPPORTED_QUERY_RE). */
    static final Pattern SUPPORTED = Pattern.compile("^[&0-9a-zA-Z@%/\\\\',._:()\"\\[\\]{}\\-+<>=* ]+$");

    static final int MAX_LENGTH = 2000;
    private static final String ALL_FIELDS = "\u0000all";

    private SearchParser() {}

    static boolean supported(String text) {
        return SUPPORTED.matcher(text).matches();
    }

    static Search parse(String search) {
        if (search.isBlank()) {
            return new Search.All();
        }
        if (search.length() > MAX_LENGTH || !supported(search)) {
            throw OpenFdaError.badRequest("Search not supported: " + search);
        }
        Query parsed;
        try {
            Leaves parser = new Leaves();
            parsed = parser.parse(search);
        } catch (ParseException | TokenMgrError e) {
            throw OpenFdaError.badRequest("Search not supported: " + search + " (" + reason(e) + ")");
        } catch (IllegalArgumentException e) {
            throw OpenFdaError.badRequest(e.getMessage());
        }
        return tree(parsed);
    }

    /** Lucene's message without the query it repeats, first line only. */
    private static String reason(Throwable e) {
        String m = Objects.toString(e.getMessage(), "syntax error");
        int quoted = m.indexOf("': ");
        if (m.startsWith("Cannot parse '") && quoted > 0) {
            m = m.substring(quoted + 3);
        }
        int nl = m.indexOf('\n');
        return (nl > 0 ? m.substring(0, nl) : m).strip();
    }

    private static Search tree(Query q) {
        if (q instanceof Leaf leaf) {
            return leaf.search;
        }
        if (q instanceof MatchAllDocsQuery) {
            return new Search.All();
        }
        if (q instanceof BooleanQuery b) {
            List<Search> must = new ArrayList<>();
            List<Search> should = new ArrayList<>();
            for (BooleanClause c : b.clauses()) {
                Search part = tree(c.getQuery());
                switch (c.getOccur()) {
                    case MUST, FILTER -> must.add(part);
                    case SHOULD -> should.add(part);
                    case MUST_NOT -> must.add(new Search.Not(part));
                }
            }
            // Lucene's (and Elasticsearch's) rule: with a required clause the optional ones only score.
            boolean required = b.clauses().stream()
                    .anyMatch(c ->
                            c.getOccur() == BooleanClause.Occur.MUST || c.getOccur() == BooleanClause.Occur.FILTER);
            if (!required && !should.isEmpty()) {
                must.add(should.size() == 1 ? should.get(0) : new Search.Or(should));
            }
            if (must.isEmpty()) {
                return new Search.Not(new Search.All());
            }
            return must.size() == 1 ? must.get(0) : new Search.And(must);
        }
        throw OpenFdaError.badRequest("Search not supported: " + q);
    }

    private static FoodEventField.Ref field(String name) {
        if (ALL_FIELDS.equals(name)) {
            return null;
        }
        return FoodEventField.of(name)
                .orElseThrow(() -> new IllegalArgumentException("Search not supported: unknown field " + name
                        + " (food/event fields: " + String.join(", ", FoodEventField.names()) + ")"));
    }

    /** A leaf of the parse, carrying our node through Lucene's tree. */
    private static final class Leaf extends Query {
        final Search search;

        Leaf(Search search) {
            this.search = search;
        }

        @Override
        public String toString(String field) {
            return search.toString();
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Leaf l && l.search.equals(search);
        }

        @Override
        public int hashCode() {
            return search.hashCode();
        }
    }

    /** The classic parser with leaves that keep the text as written. */
    private static final class Leaves extends QueryParser {

        Leaves() {
            super(ALL_FIELDS, new StandardAnalyzer());
            setDefaultOperator(Operator.OR);
            setAllowLeadingWildcard(true);
        }

        @Override
        protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
            if ("_exists_".equals(field) || "_missing_".equals(field)) {
                Search exists = new Search.Exists(existing(text));
                return new Leaf("_exists_".equals(field) ? exists : new Search.Not(exists));
            }
            return new Leaf(new Search.Term(field(field), text));
        }

        @Override
        protected Query getFieldQuery(String field, String text, int slop) throws ParseException {
            // A quoted phrase (a slop cannot be written: ~ is not an openFDA character).
            return getFieldQuery(field, text, true);
        }

        @Override
        protected Query getRangeQuery(String field, String from, String to, boolean fromInclusive, boolean toInclusive)
                throws ParseException {
            return new Leaf(new Search.Range(field(field), open(from), open(to), fromInclusive, toInclusive));
        }

        @Override
        protected Query getWildcardQuery(String field, String text) throws ParseException {
            if ("*".equals(field)) {
                if ("*".equals(text)) {
                    return new MatchAllDocsQuery();
                }
                field = ALL_FIELDS;
            }
            if ("_exists_".equals(field) || "_missing_".equals(field)) {
                throw new ParseException("a field name is expected after " + field);
            }
            FoodEventField.Ref ref = field(field);
            if (text.chars().allMatch(c -> c == '*')) {
                return new Leaf(ref == null ? new Search.All() : new Search.Exists(ref));
            }
            return new Leaf(new Search.Wildcard(ref, text));
        }

        @Override
        protected Query getPrefixQuery(String field, String prefix) throws ParseException {
            return getWildcardQuery(field, prefix + "*");
        }

        @Override
        protected Query getRegexpQuery(String field, String text) throws ParseException {
            throw new ParseException("regular expressions (/.../) are not supported");
        }

        @Override
        protected Query getFuzzyQuery(String field, String text, float similarity) throws ParseException {
            throw new ParseException("fuzzy searches (~) are not supported");
        }

        private static FoodEventField.Ref existing(String name) {
            FoodEventField.Ref ref = field(name);
            if (ref == null) {
                throw new IllegalArgumentException("Search not supported: _exists_ needs a field");
            }
            return ref;
        }

        private static String open(String bound) {
            return bound == null || "*".equals(bound) ? null : bound;
        }
    }
}
