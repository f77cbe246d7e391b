/**
 * The software MonEbox (de Jong 2024, sec. 4.2): {@code SoftwareMonEbox} over an atomically
 * replaced state image ({@code StateStore}) and a {@code MonotonicCounter} that detects a restored
 * older image. Both have a file implementation for use and an in-memory one for tests.
 */
package org.artcash.monebox.software;
