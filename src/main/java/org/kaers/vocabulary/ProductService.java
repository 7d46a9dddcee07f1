package org.kaers.vocabulary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.kaers.common.ApiProblem;
import org.kaers.common.PageReads;
import org.kaers.common.PageRequest;
import org.kaers.common.PageResponse;
import org.kaers.common.ProblemType;
import org.kaers.common.Violation;
import org.kaers.vocabulary.model.CountedCases;
import org.kaers.vocabulary.model.ProductForm;

/** Canonical products and substances: search, read, curate, merge, and the review queue. */
@ApplicationScoped
public class ProductService {

    private static final Logger LOG = Logger.getLogger(ProductService.class);
    private static final String CASES_OF_PRODUCT = """
            (select count(distinct v.case_id) from product_name_coding pc
             join case_product cp on cp.name_reported = pc.name
             join case_version v on v.id = cp.case_version_id""" + CountedCases.SCOPE_PLACEHOLDER + """
             where pc.product_id = p.id)""";
    /** The sum of the disclosure keys of those cases (statistics.disclosure), never released. */
    private static final String KEYS_OF_PRODUCT = """
            (select coalesce(sum(x.k), 0) from (select distinct v.case_id, cr.disclosure_key as k from product_name_coding pc
             join case_product cp on cp.name_reported = pc.name
             join case_version v on v.id = cp.case_version_id""" + CountedCases.SCOPE_PLACEHOLDER + """
             where pc.product_id = p.id) x)""";
    /* The native queries kept (NamedNativeQueriesTest runs each): they count cases, search by trigram similarity or
    insert race-free. Their case scope (CountedCases.SCOPE_PLACEHOLDER) is replaced by the caller's (Disclosure#caseScope). */
    static final String SEARCH_FROM_SQL = " from product p where p.merged_into is null";
    static final String SEARCH_TEXT_SQL = " and exists (select 1 from product_alias a where a.product_id = p.id"
            + " and (a.normalized like :like or a.normalized % :q))";
    static final String SEARCH_SUBSTANCE_SQL = " and p.substance = :substance";
    static final String SEARCH_CURATED_SQL = " and p.curated = :curated";
    static final String SEARCH_COUNT_SQL = "select count(*)";
    static final String SEARCH_SQL = "select p.id, p.name, p.substance, p.curated, " + CASES_OF_PRODUCT + " as cases, "
            + KEYS_OF_PRODUCT + " as keys";
    static final String SEARCH_PAGE_SQL = " limit :limit offset :offset";
    static final String DETAIL_SQL = "select p.id, p.name, p.vendor, p.form, p.substance, p.curated, p.merged_into, "
            + CASES_OF_PRODUCT + ", " + KEYS_OF_PRODUCT + " from product p where p.id = ?1";
    static final String SUMMARY_SQL = "select p.id, p.name, p.substance, p.curated, " + CASES_OF_PRODUCT + ", "
            + KEYS_OF_PRODUCT + " from product p where p.id = ?1";
    /** The reported names of a product that enough cases use (?2) to be shown to callers without exact counts. */
    static final String FREQUENT_NAMES_SQL =
            """
            select pc.name from product_name_coding pc where pc.product_id = ?1 and (
                select count(distinct v.case_id) from case_product cp join case_version v on v.id = cp.case_version_id""" + CountedCases.SCOPE_PLACEHOLDER + " where cp.name_reported = pc.name) >= ?2 order by 1";
    /** Adding an alias another transaction adds meanwhile does not fail on the unique key. */
    static final String ALIAS_INSERT_SQL = """
            insert into product_alias (normalized, product_id, text) values (?1, ?2, ?3)
            on conflict (normalized) do nothing""";

    static final String REVIEW_QUEUE_FROM_SQL = """
             from product_name_coding c join product p on p.id = c.product_id
            where (c.method = 'FUZZY' or (c.method = 'NEW' and not p.curated)) and p.merged_into is null""";
    static final String REVIEW_QUEUE_COUNT_SQL = "select count(*)" + REVIEW_QUEUE_FROM_SQL;
    static final String REVIEW_QUEUE_SQL = "select c.name, c.method, c.score, p.id, p.name, p.substance, p.curated, "
            + CASES_OF_PRODUCT + " as cases, " + KEYS_OF_PRODUCT + ", c.suggested_product_id, c.suggested_score"
            + REVIEW_QUEUE_FROM_SQL + " order by cases desc, c.name limit ?1 offset ?2";

    private final EntityManager em;
    private final PageReads pages;
    // Injected into fields, so that the constructor stays as it is.
    @Inject
    ProductRepository products;

    @Inject
    ProductAliasRepository aliases;

    @Inject
    ProductNameCodingRepository nameCodings;

    @Inject
    SubstanceRepository substances;

    private final ProductCoder coder;
    private final CountedCases disclosure;

    ProductService(EntityManager em, ProductCoder coder, CountedCases disclosure, PageReads pages) {
        this.em = em;
        this.pages = pages;
        this.coder = coder;
        this.disclosure = disclosure;
    }

    public PageResponse<ProductViews.Summary> search(String q, String substance, Boolean curated, PageRequest page) {
        String normalized = q == null ? null : TextNormalizer.forMatching(q);
        StringBuilder where = new StringBuilder(SEARCH_FROM_SQL);
        if (normalized != null) {
            where.append(SEARCH_TEXT_SQL);
        }
        if (substance != null) {
            where.append(SEARCH_SUBSTANCE_SQL);
        }
        if (curated != null) {
            where.append(SEARCH_CURATED_SQL);
        }
        // Disclosure control for callers who may not read every case: their order is by id, not by the true count,
        // and a text search finds an uncurated product (a reporter's text) only when enough cases name it.
        boolean exact = disclosure.exact();
        if (!exact && normalized != null) {
            where.append(" and (p.curated or " + casesOfProduct() + " >= " + disclosure.freeTextMinimumCases() + ")");
        }
        String rowsSql = scoped(SEARCH_SQL)
                + where
                + (exact ? " order by cases desc, p.name, p.id" : " order by p.id")
                + SEARCH_PAGE_SQL;
        java.util.function.Function<String, jakarta.persistence.Query> query = sql -> {
            var built = em.createNativeQuery(sql);
            if (normalized != null) {
                built.setParameter("like", "%" + normalized + "%").setParameter("q", normalized);
            }
            if (substance != null) {
                built.setParameter("substance", substance);
            }
            if (curated != null) {
                built.setParameter("curated", curated);
            }
            return built;
        };
        return pages.read(
                page, () -> ((Number) query.apply(SEARCH_COUNT_SQL + where).getSingleResult()).longValue(), () -> {
                    @SuppressWarnings("unchecked")
                    List<Object[]> result = query.apply(rowsSql)
                            .setParameter("limit", page.size())
                            .setParameter("offset", page.offset())
                            .getResultList();
                    return result.stream().map(this::summary).toList();
                });
    }

    @Transactional
    public ProductViews.Detail product(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(scoped(DETAIL_SQL)).setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw ApiProblem.notFound("no product has the id " + id);
        }
        Object[] p = rows.get(0);
        List<String> aliases = this.aliases.normalizedOf(id);
        List<String> names = nameCodings.namesOf(id);
        long cases = ((Number) p[7]).longValue();
        String name = (String) p[1];
        if (!disclosure.exact()) {
            // Reported names are reporters' text: shown only when enough cases use them (so are their aliases).
            @SuppressWarnings("unchecked")
            List<String> frequent = em.createNativeQuery(scoped(FREQUENT_NAMES_SQL))
                    .setParameter(1, id)
                    .setParameter(2, disclosure.freeTextMinimumCases())
                    .getResultList();
            java.util.Set<String> shown = new java.util.HashSet<>();
            frequent.forEach(n -> shown.add(TextNormalizer.forMatching(n)));
            if ((Boolean) p[5]) {
                shown.add(TextNormalizer.forMatching(name));
            }
            names = frequent;
            aliases = aliases.stream().filter(shown::contains).toList();
            name = publicName(((Number) p[0]).longValue(), name, (Boolean) p[5], cases);
            cases = disclosure.release(cases, ((Number) p[8]).longValue());
        }
        return new ProductViews.Detail(
                ((Number) p[0]).longValue(),
                name,
                (String) p[2],
                p[3] == null ? null : ProductForm.valueOf((String) p[3]),
                (String) p[4],
                (Boolean) p[5],
                p[6] == null ? null : ((Number) p[6]).longValue(),
                aliases,
                names,
                cases);
    }

    /** Curates a product: sets its canonical fields, marks it curated and adds aliases. */
    @Transactional
    public ProductViews.Detail curate(long id, ProductViews.Curation request) {
        ProductViews.Detail current = product(id);
        if (current.mergedInto() != null) {
            throw new ApiProblem(ProblemType.CONFLICT, "product " + id + " was merged into " + current.mergedInto());
        }
        requireSubstance(request.substance());
        List<Violation> taken = new ArrayList<>();
        List<String> aliases = request.aliases() == null ? List.of() : request.aliases();
        for (int i = 0; i < aliases.size(); i++) {
            String normalized = TextNormalizer.forMatching(aliases.get(i));
            Optional<Long> owner = this.aliases.owner(normalized);
            if (owner.isPresent() && owner.get() != id) {
                taken.add(Violation.body("aliases[" + i + "]", "already identifies product " + owner.get()));
            } else if (normalized.isEmpty()) {
                taken.add(Violation.body("aliases[" + i + "]", "must contain a letter or digit"));
            }
        }
        if (!taken.isEmpty()) {
            throw ApiProblem.invalid(taken);
        }
        Product product = products.findById(id);
        product.name = request.name().strip();
        product.vendor = request.vendor();
        product.form = request.form() == null ? null : request.form().name();
        product.substance = request.substance();
        product.curated = true;
        products.flush();
        for (String alias : aliases) {
            em.createNativeQuery(ALIAS_INSERT_SQL)
                    .setParameter(1, TextNormalizer.forMatching(alias))
                    .setParameter(2, id)
                    .setParameter(3, alias.strip())
                    .executeUpdate();
        }
        coder.addKeys(aliases.stream().map(TextNormalizer::forMatching).toList());
        LOG.infof("product %d curated", id);
        return product(id);
    }

    /** Merges a product into another in one transaction: aliases and reported names move, counts follow. */
    @Transactional
    public ProductViews.Detail merge(long id, ProductViews.Merge request) {
        long into = request.into();
        if (into == id) {
            throw ApiProblem.invalid(Violation.body("into", "must name another product"));
        }
        ProductViews.Detail source = product(id);
        if (source.mergedInto() != null) {
            throw new ApiProblem(
                    ProblemType.CONFLICT, "product " + id + " was already merged into " + source.mergedInto());
        }
        Optional<Product> target = products.findByIdOptional(into);
        if (target.isEmpty()) {
            throw ApiProblem.invalid(Violation.body("into", "no product has this id"));
        }
        if (target.get().mergedInto != null) {
            throw ApiProblem.invalid(Violation.body("into", "names a product that was merged into another"));
        }
        aliases.move(id, into);
        nameCodings.move(id, into, Instant.now());
        products.findById(id).mergedInto = into;
        products.flush();
        LOG.infof("product %d merged into %d", id, into);
        return product(into);
    }

    public PageResponse<ProductViews.ReviewEntry> reviewQueue(PageRequest page) {
        return pages.read(
                page,
                () -> ((Number) em.createNativeQuery(REVIEW_QUEUE_COUNT_SQL).getSingleResult()).longValue(),
                () -> {
                    @SuppressWarnings("unchecked")
                    List<Object[]> rows = em.createNativeQuery(scoped(REVIEW_QUEUE_SQL))
                            .setParameter(1, page.size())
                            .setParameter(2, page.offset())
                            .getResultList();
                    return rows.stream()
                            .map(r -> new ProductViews.ReviewEntry(
                                    (String) r[0],
                                    CodingMethod.valueOf((String) r[1]),
                                    r[2] == null ? null : new BigDecimal(r[2].toString()),
                                    summary(new Object[] {r[3], r[4], r[5], r[6], r[7], r[8]}),
                                    r[9] == null ? null : ((Number) r[9]).longValue(),
                                    r[10] == null ? null : new BigDecimal(r[10].toString())))
                            .toList();
                });
    }

    @Transactional
    public List<ProductViews.Substance> substances() {
        return substances.withProducts().stream()
                .map(s -> new ProductViews.Substance(s.code(), s.name(), s.category(), s.products()))
                .toList();
    }

    @Transactional
    public ProductViews.MatchPreview preview(String name) {
        // For callers without exact counts the coder sees only the aliases they may see: curated ones of curated
        // products, and names reporters wrote in at least the free-text minimum of cases. A name only a few cases
        // use is then coded exactly as a name nobody has written (not even its fuzzy neighbours change), so the
        // preview cannot tell whether somebody reported it (statistics.disclosure).
        ProductCoder.Match match = disclosure.exact() ? coder.match(name) : coder.match(name, visibleAliases());
        ProductViews.Summary product = null;
        if (match.productId() != null) {
            Object[] p = (Object[]) em.createNativeQuery(scoped(SUMMARY_SQL))
                    .setParameter(1, match.productId())
                    .getSingleResult();
            product = summary(p);
        }
        return new ProductViews.MatchPreview(
                name, TextNormalizer.forMatching(name), match.substance(), match.method(), product);
    }

    /** The aliases ({@code a}, of product {@code p}) a caller without exact counts may see, as SQL. */
    private String visibleAliases() {
        return "(p.curated and a.origin = 'CURATED') or (select count(distinct v.case_id) from product_name_coding pc"
                + " join case_product cp on cp.name_reported = pc.name join case_version v on v.id = cp.case_version_id"
                + disclosure.caseScope() + " where pc.normalized = a.normalized) >= "
                + disclosure.freeTextMinimumCases();
    }

    private void requireSubstance(String code) {
        if (code == null || substances.findByIdOptional(code).isEmpty()) {
            throw ApiProblem.invalid(
                    Violation.body("substance", "no substance has this code; see GET /api/v1/substances"));
        }
    }

    /** A product in a list: for callers who may not read every case, its released case count and public name. */
    private ProductViews.Summary summary(Object[] r) {
        long id = ((Number) r[0]).longValue();
        long cases = ((Number) r[4]).longValue();
        if (disclosure.exact()) {
            return new ProductViews.Summary(id, (String) r[1], (String) r[2], (Boolean) r[3], cases);
        }
        return new ProductViews.Summary(
                id,
                publicName(id, (String) r[1], (Boolean) r[3], cases),
                (String) r[2],
                (Boolean) r[3],
                disclosure.release(cases, ((Number) r[5]).longValue()));
    }

    /** An uncurated product's name is a reporter's text: shown only when enough cases name the product. */
    private String publicName(long id, String name, boolean curated, long cases) {
        return curated || cases >= disclosure.freeTextMinimumCases() ? name : "uncurated product " + id;
    }

    /** The cases of a product the caller's counts cover (a frozen release's for researchers; Disclosure#caseScope). */
    private String casesOfProduct() {
        return scoped(CASES_OF_PRODUCT);
    }

    /** A query over the cases the caller's counts cover. */
    private String scoped(String sql) {
        return disclosure.scoped(sql);
    }
}
