/**
 * The e-purse's persistence: plain JDBC over a small HikariCP pool, schema by Flyway migrations
 * ({@code db/purse}, history table {@code purse_schema_history}). One implementation and one SQL
 * script serve embedded H2 (the default) and PostgreSQL.
 *
 * <p>Conventions, so that both databases behave identically:
 *
 * <ul>
 *   <li>Instants are stored as epoch seconds; the e-purse's clock is whole seconds anyway.
 *   <li>Protocol objects are stored in their canonical encoding (docs/PROTOCOL.md) and decoded on
 *       reading; one that no longer decodes is reported as a {@link
 *       org.artcash.purse.store.StoreException} (a damaged database).
 *   <li>Each method is one READ COMMITTED transaction; races are settled by compare-and-set
 *       updates ({@code ... WHERE status = 'FREE'}) and unique keys, never by the application;
 *       approvals are taken one at a time under a row lock on the binding ({@code FOR UPDATE}).
 * </ul>
 */
package org.artcash.purse.store;
