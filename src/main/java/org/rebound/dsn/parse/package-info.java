/**
 * The entry to the dsn packages: {@link org.rebound.dsn.parse.ReportParser} turns a returned message's bytes into a
 * {@link org.rebound.dsn.BounceReport}, through {@link org.rebound.dsn.parse.ParserChain}, which picks the parser the
 * message's evidence points to among the standard formats ({@code dsn.format}) and the MTA formats ({@code dsn.mta}).
 * It stands above both, so that neither imports the other's chooser.
 */
package org.rebound.dsn.parse;
