/**
 * Text is stored exactly as sent (README: "Text is stored exactly as sent"). A lone UTF-16
 * surrogate cannot be: the store writes UTF-8, which has no form for it, and would put U+FFFD
 * in its place. So such text is refused where it enters, instead of being changed silently.
 */
import { refusal } from './errors';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` can be stored unchanged. */
export function isWellFormed(text: string): boolean {
    return !loneSurrogate.test(text);
}

/** @throws ApiError VALIDATION_FAILED naming `field` when `text` holds a lone surrogate. */
export function requireWellFormed(text: string, field: string): string {
    if (!isWellFormed(text)) throw refusal('VALIDATION_FAILED', `${field} holds an unpaired surrogate, which cannot be stored as sent`, { [field]: 'invalid characters' });
    return text;
}
