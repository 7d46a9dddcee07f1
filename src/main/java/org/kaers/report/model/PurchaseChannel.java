package org.kaers.report.model;

/** Where the product was bought. Travels as its code, never as an ordinal. */
public enum PurchaseChannel {
    ONLINE,
    SMOKE_SHOP,
    GAS_STATION,
    CONVENIENCE_STORE,
    KRATOM_BAR,
    OTHER_RETAIL,
    PRESCRIBED,
    OTHER,
    UNKNOWN
}
