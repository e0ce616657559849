/**
 * From a decoded request to its answer: the dispatcher picks the one handler of the body, runs it off the event
 * loop, and writes its response or its typed error with the request's correlation id. Refusals of the core and
 * failures of storage become error notices here, each in its status band.
 */
package npc.gateway.server.dispatch;
