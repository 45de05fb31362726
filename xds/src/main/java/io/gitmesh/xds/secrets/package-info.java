/**
 * Workload certificates delivered over xDS: {@link io.gitmesh.xds.secrets.SdsPublisher} adds each Envoy
 * group's two SDS secrets (its own certificate and key, and the trust bundle) to what is published, and
 * {@link io.gitmesh.xds.secrets.CertificateRenewer} keeps one certificate per identity, renewed by the
 * CA's {@code RenewalPlan} on a timer of its own. Secret contents are never logged or rendered.
 */
package io.gitmesh.xds.secrets;
