/**
 * The host's logger: pino, as fastify uses it. Silent when LOG_LEVEL=silent (tests).
 */
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
    return pino({ level });
}
