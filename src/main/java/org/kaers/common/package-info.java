/** Cross-cutting pieces every feature uses: problem+json errors, strict JSON, paging, query parsing. */
package org.kaers.common;
