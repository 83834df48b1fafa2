/**
 * One parser per reporting MTA whose bounces need more than the shared notice rules (its own wording, its own
 * layout), each behind the evidence that selects it in {@link org.rebound.dsn.mta.MtaParsers}. The reference for
 * each format is Sisimai's lib/Sisimai/Lhost/&lt;name&gt;.pm.
 */
package org.rebound.dsn.mta;
