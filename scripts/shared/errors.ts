/**
 * The extension's catalogue of refusals: one code, one HTTP status, so callers can act on
 * the code and the permission test can assert it.
 */
const statuses = {
    VALIDATION_FAILED: 400,
    FORBIDDEN_ROLE: 403,
    NOT_YOUR_SESSION: 403,
    NOT_YOUR_MESSAGE: 403,
    OPERATOR_OFFLINE: 403,
    EDITING_DISABLED: 403,
    EDIT_WINDOW_PASSED: 409,
    NOT_FOUND: 404,
    QUEUE_EMPTY: 404,
    SESSION_CLOSED: 409,
    SESSION_IS_SPAM: 409,
    SESSION_NOT_WAITING: 409,
    SESSION_NOT_SPAM: 409,
    SPAM_NOT_ALLOWED: 409,
    CAPACITY_REACHED: 409,
    TARGET_OFFLINE: 409,
    TARGET_NOT_OPERATOR: 409,
    CHANNEL_INACTIVE: 409,
    CLIENT_HAS_OPEN_SESSION: 409,
    INTERNAL_CLIENT: 409,
    CLIENT_ALREADY_LOCKED: 409,
    CLIENT_NOT_LOCKED: 409,
} as const;

export type RefusalCode = keyof typeof statuses;

/** An ApiError with the catalogue's status for `code`. */
export function refusal(code: RefusalCode, message: string, details?: Record<string, string>) {
    return new ApiError(code, message, statuses[code], details);
}
