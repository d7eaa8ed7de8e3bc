/**
 * Reading API requests and answering them: every method takes a JSON object body (POST)
 * or query values (GET); a value of the wrong type is refused before anything changes.
 */
import type { HttpApiRequest, HttpResponse, TJSON } from '@brix/sdk';
import { refusal } from './errors';
import { requireWellFormed } from './well-formed-text';

export type Input = Record<string, TJSON | undefined>;

/** The body of a POST or the query of a GET, as an object. */
export function input(req: HttpApiRequest): Input {
    if (req.method === 'GET') return { ...req.query };
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw refusal('VALIDATION_FAILED', 'The body must be a JSON object');
    return body;
}

/** A required non-empty string, storable as sent. */
export function requiredText(values: Input, name: string, max = 10_000): string {
    const value = values[name];
    if (typeof value !== 'string' || value.trim() === '') throw refusal('VALIDATION_FAILED', `${name} is required`, { [name]: 'is required' });
    if (value.length > max) throw refusal('VALIDATION_FAILED', `${name} is longer than ${max} characters`, { [name]: 'is too long' });
    return requireWellFormed(value, name);
}

/** An optional string; `undefined` when absent. */
export function optionalText(values: Input, name: string, max = 10_000): string | undefined {
    if (values[name] === undefined || values[name] === null) return undefined;
    return requiredText(values, name, max);
}

export function ok(body: object, status = 200): HttpResponse {
    return new HttpResponse().status(status).json(body);
}
