/**
 * TLS with client certificates: the server's SSL context that requires a certificate from the clearinghouse's
 * CA, the carrier identity a certificate proves, and a development PKI (a CA, the server's certificate and one
 * client certificate per carrier) for laptops and tests. Production certificates come from the operator's PKI.
 */
package npc.gateway.server.tls;
