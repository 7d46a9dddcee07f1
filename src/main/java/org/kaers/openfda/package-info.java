/**
 * openFDA's food/event API over our cases ({@code GET /food/event.json}): its query language parsed by Lucene's
 * classic query parser and translated to parameterised SQL over the view {@code openfda_food_event}, its
 * parameters, limits, record shape, meta block and errors; researchers' numbers through statistics.disclosure.
 */
package org.kaers.openfda;
