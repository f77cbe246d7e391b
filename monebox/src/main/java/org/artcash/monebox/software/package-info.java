/**
 * The software MonEbox (de Jong 2024, sec. 4.2): {@code SoftwareMonEbox} over an atomically
 * replaced state image ({@code StateStore}) and a {@code MonotonicCounter} that detects an older
 * image put back by accident (a restored backup). Both have a file implementation for use and an
 * in-memory one for tests.
 *
 * <p>A software MonEbox is only as safe as the account and disk it runs on: its state ends in a
 * plain SHA-256 and holds its keys in the clear, so whoever can write its files can set any
 * balance or roll it back with a matching commit number. It is the lowest device class, meant for
 * development, tests and the low limits the issuer sets for that class.
 */
package org.artcash.monebox.software;
