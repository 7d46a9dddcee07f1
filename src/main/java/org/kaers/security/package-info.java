/** Who may do what: roles, the caller, authentication problems. */
package org.kaers.security;
