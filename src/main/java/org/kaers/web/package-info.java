/**
 * The pages (issue #19): sign-in (local in dev and tests, OpenID Connect with PKCE through the identity provider in
 * production), the clinician's report form and follow-up, the reviewer's case list, case view and coding queue, the
 * researcher's dashboard (counts, trends, heat map, signals, eDISH); the derived-values preview and printable
 * summary; the reviewer's version diff, nullification, causality form, duplicate, cluster-alert and product review
 * queues. Qute templates rendered by the service; every
 * read and write goes through the service's own API with the signed-in user's token, so the pages obey the API's
 * rules exactly.
 */
package org.kaers.web;
