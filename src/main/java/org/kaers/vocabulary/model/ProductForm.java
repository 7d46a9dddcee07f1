package org.kaers.vocabulary.model;

/** Form of a kratom (or other) product as sold. Travels as its code, never as an ordinal. */
public enum ProductForm {
    POWDER,
    CAPSULE,
    TABLET,
    LIQUID_EXTRACT,
    CONCENTRATED_EXTRACT,
    SEVEN_OH_PRODUCT,
    LEAF,
    GUMMY,
    OTHER
}
