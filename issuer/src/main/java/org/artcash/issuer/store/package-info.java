/**
 * The issuer's persistence: plain JDBC over a small HikariCP pool, schema by Flyway migrations
 * ({@code db/migration}). One implementation and one SQL script serve embedded H2 (the default) and
 * PostgreSQL (production).
 *
 * <p>Conventions, so that both databases behave identically:
 *
 * <ul>
 *   <li>Instants are stored as epoch seconds; sub-second precision is dropped (truncated).
 *   <li>Bytes are {@code BYTEA}; identifiers are {@link org.artcash.core.codec.Bytes} of 1 to
 *       {@value org.artcash.issuer.store.Jdbc#MAX_ID_LENGTH} bytes.
 *   <li>Every operation runs in one READ COMMITTED transaction ({@link
 *       org.artcash.issuer.store.IssuerDatabase#inTransaction}); races are settled by row locks
 *       ({@code SELECT ... FOR UPDATE}) and unique constraints, never by the application.
 *   <li>Protocol outcomes (duplicate, unknown, rate limited, conflicting retry) are {@link
 *       org.artcash.core.ArtcashException}; bad arguments are {@link IllegalArgumentException};
 *       a failing database is {@link org.artcash.issuer.store.StoreException}.
 * </ul>
 */
package org.artcash.issuer.store;
