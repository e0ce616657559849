/**
 * The operator's carriers' client certificates: {@code /api/v1/carriers/{carrier}/certificates} lists them,
 * registers one the operator's CA issued, has the clearinghouse's CA issue one from a carrier's certificate request
 * (when the clearinghouse holds that CA's key) and revokes one. Each change of who may connect is an entry of the
 * audit record ({@code CERTIFICATE_REGISTERED}, {@code CERTIFICATE_ISSUED}, {@code CERTIFICATE_REVOKED}) with the
 * operator as actor. The registry is npc-core's ({@code CarrierCertificates}); the checks and the issuing are
 * carrier-gateway/server's ({@code ClientCertificates}), so that what is registered is what the gateway accepts.
 */
package npc.ops.certificate;
