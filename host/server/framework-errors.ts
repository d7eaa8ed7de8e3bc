/**
 * Every failure answers in the host's one error shape, including those fastify and Node
 * answer on their own: route errors, unknown routes, bad URLs, and errors of the HTTP
 * parser (a header block over 16 KB, a malformed request line) that never reach a route.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, HostError } from '../errors';
import { ApiError } from '../runtime/http-response';
import type { Logger } from '../runtime/logger';

interface Classified {
    status: number;
    code: string;
    message: string;
    details?: unknown;
}

// Statuses fastify picks for its own errors, named as the catalogue names them.
const codeByStatus: Record<number, string> = {
    400: 'BAD_REQUEST', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 406: 'NOT_ACCEPTABLE', 408: 'REQUEST_TIMEOUT',
    413: 'PAYLOAD_TOO_LARGE', 414: 'URI_TOO_LONG', 415: 'UNSUPPORTED_MEDIA_TYPE', 431: 'HEADERS_TOO_LARGE',
};

/** Maps any thrown error onto the catalogue; unknown ones are the server's fault. */
export function classify(error: FastifyError | HostError | ApiError | Error): Classified {
    if (error instanceof HostError || error instanceof ApiError) {
        return { status: error.status, code: error.code, message: error.message, details: error.details };
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The body is too large' };
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json (or application/octet-stream where a file is expected)' };
    }
    if (fe.validation || (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)) {
        const status = fe.statusCode ?? 400;
        return { status, code: codeByStatus[status] ?? 'BAD_REQUEST', message: fe.message };
    }
    return { status: 500, code: 'INTERNAL', message: 'Something went wrong on the server' };
}

/** The route error handler (also used for fastify's own routing errors, such as a bad URL). */
export function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
    const e = classify(error);
    if (e.status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    reply.code(e.status).send(errorBody(e.code, e.message, e.details));
}

export function answerNotFound(request: FastifyRequest, reply: FastifyReply): void {
    reply.code(404).send(errorBody('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
}

/** Errors of the HTTP parser, answered on the raw socket since no request exists yet. */
export function clientErrorAnswer(logger: Logger) {
    return (err: Error & { code?: string }, socket: Socket): void => {
        if (err.code === 'ECONNRESET' || socket.destroyed) return;
        const e: Classified = err.code === 'HPE_HEADER_OVERFLOW'
            ? { status: 431, code: 'HEADERS_TOO_LARGE', message: 'The request headers are larger than 16 KB' }
            : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
                ? { status: 408, code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive' }
                : { status: 400, code: 'BAD_REQUEST', message: 'The request is not valid HTTP' };
        logger.debug({ err }, 'client error');
        if (socket.writable) {
            const body = JSON.stringify(errorBody(e.code, e.message));
            socket.write(`HTTP/1.1 ${e.status} ${http.STATUS_CODES[e.status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
                + `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
        }
        socket.destroy(err);
    };
}
