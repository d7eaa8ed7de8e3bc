/**
 * What a failed Bot API answer means for a retry: 429 asks to wait `retry_after` seconds,
 * 5xx and unreachable servers are worth retrying with backoff, other refusals (a chat that
 * blocked the bot, a bad request) are final.
 */
import type { SendOutcome } from '../adapters';
import type { BotAnswer } from './bot-api';

export function failedOutcome(answer: Extract<BotAnswer<unknown>, { ok: false }>): Extract<SendOutcome, { ok: false }> {
    const error = `Telegram answered ${answer.status}: ${answer.description}`;
    if (answer.status === 429) return { ok: false, error, retryAfterMs: (answer.parameters?.retry_after ?? 1) * 1000 };
    if (answer.status >= 500 || answer.status === 0) return { ok: false, error };
    return { ok: false, error, permanent: true };
}

export function unreachable(e: unknown): Extract<SendOutcome, { ok: false }> {
    return { ok: false, error: `Telegram cannot be reached: ${e instanceof Error ? e.message : String(e)}` };
}
