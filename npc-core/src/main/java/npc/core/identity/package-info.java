/**
 * Subscriber identity, kept only as a keyed digest: carriers relay a subscriber's name and ID number, the
 * clearinghouse digests them with its secret key at once, and stores and compares only the digest. Where an identity
 * must be shown again to a carrier (an eligibility query's donor answers against its own records), it is kept
 * sealed ({@link npc.core.identity.IdentitySeal}, AES-GCM under a key derived from the same secret) only for as long
 * as that takes. Depends on the JDK only.
 */
package npc.core.identity;
