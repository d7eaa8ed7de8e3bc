/**
 * Carries an operator's edit of a delivered reply to Telegram (`editMessageText`), from a
 * durable timer serial with the chat's deliveries, retried with backoff like them. Telegram
 * refuses edits of messages older than 48 hours; the desk refuses those edits beforehand.
 */
import { readSettings } from '../../settings/global-settings';
import { failedOutcome, unreachable } from './answer-outcome';
import { textWithOperatorName } from '../operator-name';
import { callBot } from './bot-api';

const MAX_ATTEMPTS = 8;

export async function scheduleTelegramEdit(messageId: string, attempt = 1, delayMs = 0): Promise<void> {
    const message = await Namespace.app.messages.search().where((f) => f.__id.eq(messageId)).first();
    if (!message) return;
    await System.timers.set(`telegram-edit:${messageId}`, new TDatetime(Date.now() + delayMs), 'sendTelegramEdit', { messageId, attempt }, { serialKey: `chat:${message.data.session.id}` });
}

/** Timer script; payload `{ messageId, attempt }`. */
export async function sendTelegramEdit(): Promise<void> {
    const { messageId, attempt } = Context.data.payload as { messageId: string; attempt: number };
    const message = await Namespace.app.messages.search().where((f) => f.__id.eq(messageId)).first();
    const target = message?.data.external_message_id?.split(':');
    // Not delivered yet: the delivery sends the edited text itself.
    if (!message || message.data.delivery_state?.code !== 'delivered' || !target || target.length !== 2) return;
    const channel = await message.data.channel!.fetch();
    if (channel.data.state?.code === 'disconnected') return;
    const text = await textWithOperatorName(await message.data.session.fetch(), message);
    const answer = await callBot(channel, 'editMessageText', { chat_id: target[0], message_id: Number(target[1]), text })
        .catch((e: unknown) => ({ ok: false as const, status: 0, description: unreachable(e).error }));
    if (answer.ok || /not modified/i.test(answer.description)) return;
    const outcome = failedOutcome(answer);
    if (outcome.permanent || attempt >= MAX_ATTEMPTS) return;
    const { delivery_retry_base_ms: base, delivery_retry_max_ms: max } = await readSettings();
    await scheduleTelegramEdit(messageId, attempt + 1, Math.max(Math.min(base * 2 ** (attempt - 1), max), outcome.retryAfterMs ?? 0));
}
