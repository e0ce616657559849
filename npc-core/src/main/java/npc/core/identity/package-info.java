/**
 * Subscriber identity, kept only as a keyed digest: carriers relay a subscriber's name and ID number, the
 * clearinghouse digests them with its secret key at once, and stores and compares only the digest. Depends on the
 * JDK only.
 */
package npc.core.identity;
