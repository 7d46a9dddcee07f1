package org.kaers.statistics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.kaers.common.PageRequest;

/** A validated count request: one or two dimensions, equality filters (any of the values), a receipt-date range. */
record CountRequest(
        List<Dimension> by,
        Map<Dimension, List<String>> filters,
        LocalDate receivedFrom,
        LocalDate receivedTo,
        PageRequest page) {}
