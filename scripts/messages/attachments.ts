/**
 * Files a message carries, as operators (`reply`, `internal_write`: `{ name, url, size? }`)
 * and messengers (the webhook: `{ name, URL, size? }`) send them. One check for both, so a
 * file nobody could show or download (no name, a name of a megabyte, a negative size) is
 * refused before anything is stored.
 */
import type { TJSON } from '@brix/sdk';
import { refusal } from '../shared/errors';
import { isWellFormed } from '../shared/well-formed-text';

export interface Attachment {
    name: string;
    url: string;
    size?: number;
}

const MAX_FILES = 20;
const MAX_NAME = 255;

function problemOf(f: TJSON, urlKey: 'url' | 'URL'): [string, string] | undefined {
    if (typeof f !== 'object' || f === null || Array.isArray(f)) return ['', 'expected { name, url, size? }'];
    const { name, size } = f;
    const url = f[urlKey];
    if (typeof name !== 'string' || name.length < 1 || name.length > MAX_NAME) return ['name', `1 to ${MAX_NAME} characters required`];
    if (!isWellFormed(name)) return ['name', 'invalid characters'];
    if (typeof url !== 'string' || url === '') return [urlKey, 'required'];
    if (size !== undefined && size !== null && (typeof size !== 'number' || !Number.isFinite(size) || size < 0)) return ['size', 'expected a number of bytes, 0 or more'];
    return undefined;
}

/**
 * The files of a request, under `files`.
 * @throws ApiError VALIDATION_FAILED with the path of the first bad part, e.g. `files.0.name`.
 */
export function attachmentsOf(value: TJSON | undefined, urlKey: 'url' | 'URL'): Attachment[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.length > MAX_FILES) {
        throw refusal('VALIDATION_FAILED', `files must be a list of at most ${MAX_FILES} { name, ${urlKey}, size? }`, { files: 'invalid' });
    }
    return value.map((f, i) => {
        const problem = problemOf(f, urlKey);
        if (problem) {
            const path = problem[0] ? `files.${i}.${problem[0]}` : `files.${i}`;
            throw refusal('VALIDATION_FAILED', `${path}: ${problem[1]}`, { [path]: problem[1] });
        }
        const file = f as Record<string, TJSON>;
        return { name: file.name as string, url: file[urlKey] as string, ...(typeof file.size === 'number' ? { size: file.size } : {}) };
    });
}
