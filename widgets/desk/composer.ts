/**
 * The reply composer (SPEC §3.2, §11): sends with Ctrl+Enter, Enter or only the button as the
 * global setting says; keeps a draft per session in this browser; attaches files; quotes a
 * message; edits the user's own message. A reply shows "Sending…" at once and the server's
 * delivery state after; a refused one shows as not delivered with Retry.
 */
import type { UploadedFile } from '@brix/sdk';
import { attachResponsePicker, type PickerMemory, type ResponsePicker } from '../shared/responses/response-picker';
import { serverSource } from '../shared/responses/server-source';
import { PendingFiles, replyFiles } from '../shared/attachments/pending-files';
import type { ThreadMessage } from '../shared/thread/thread-view';
import composer from './composer.hbs';
import { desk, draw, reasonOf } from './desk-state';
import { removeMessage, toThreadMessage, upsertMessages, type ApiMessage } from './thread-panel';

const hints = { ctrl_enter: 'Ctrl+Enter sends', enter: 'Enter sends, Shift+Enter starts a new line', button: 'Send with the button' };
const draftKey = (sessionId: string) => `live-chats:draft:${sessionId}`;

const files = new PendingFiles();
let quote: { author: string; text: string } | null = null;
let editing: string | null = null;

const textarea = () => desk.root.querySelector<HTMLTextAreaElement>('#lc-reply');

export function resetComposer(): void {
    files.clear();
    quote = null;
    editing = null;
}

/** The session the composer was last drawn for. */
let drawnFor: string | null = null;
/** Articles and templates (SPEC §7), drawn again with the composer. */
let responses: ResponsePicker | null = null;
/** The open session's warnings of an inserted template, kept across redraws until sent. */
let responseMemory: PickerMemory = { warnings: [] };

export function drawComposer(): void {
    const thread = desk.thread;
    const card = desk.card;
    if (!thread || !card) return;
    // A redraw of the same session keeps what is typed, and the caret of someone typing (a push
    // may redraw mid-sentence); another session starts from its own draft.
    const old = drawnFor === thread.sessionId ? textarea() : null;
    if (drawnFor !== thread.sessionId) responseMemory = { warnings: [] };
    const keep = old?.value;
    const caret = old && document.activeElement === old ? [old.selectionStart, old.selectionEnd] as const : null;
    drawnFor = thread.sessionId;
    const reason = card.refusals.reply;
    const sendWith = desk.info.settings.send_with;
    responses?.dispose();
    responses = null;
    const form = draw('composer', composer, {
        reason, quote, editing: Boolean(editing), files: files.list,
        placeholder: reason ? '' : 'Write a reply…', hint: hints[sendWith],
    });
    const box = textarea()!;
    box.value = keep ?? localStorage.getItem(draftKey(thread.sessionId)) ?? '';
    const panel = form.querySelector<HTMLElement>('.lc-responses');
    if (panel && !reason) responses = attachResponsePicker(box, panel, serverSource({ sessionId: thread.sessionId }), (text) => UI.notify(text, 'error'), responseMemory);
    if (caret && !box.disabled) {
        box.focus();
        box.setSelectionRange(caret[0], caret[1]);
    }
    box.addEventListener('input', () => {
        if (editing) return;
        if (box.value) localStorage.setItem(draftKey(thread.sessionId), box.value);
        else localStorage.removeItem(draftKey(thread.sessionId));
    });
    // Listened to directly (not through the shell's handlers) so the key's default is prevented in time.
    box.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' || event.isComposing) return;
        const wants = sendWith === 'ctrl_enter' ? event.ctrlKey || event.metaKey : sendWith === 'enter' ? !event.shiftKey && !event.ctrlKey : false;
        if (!wants) return;
        event.preventDefault();
        box.form?.requestSubmit();
    });
}

export async function attach(event: Event): Promise<void> {
    await files.pick(event.target as HTMLInputElement, (text) => UI.notify(text, 'error'));
    drawComposer();
}

export function dropFile(event: Event): void {
    files.drop(event);
    drawComposer();
}

const messageOf = (event: Event) => desk.thread?.messages.find((m) => m.id === (event.target as HTMLElement).dataset.id);

export function quoteMessage(event: Event): void {
    const m = messageOf(event);
    if (!m) return;
    quote = { author: m.authorName || (m.authorKind === 'client' ? 'Client' : 'Operator'), text: m.text.slice(0, 300) };
    drawComposer();
    textarea()?.focus();
}

export function dropQuote(): void {
    quote = null;
    drawComposer();
}

export function editMessage(event: Event): void {
    const m = messageOf(event);
    if (!m) return;
    editing = m.id;
    drawComposer();
    textarea()!.value = m.text;
    textarea()!.focus();
}

export function cancelEdit(): void {
    editing = null;
    textarea()!.value = localStorage.getItem(draftKey(desk.thread!.sessionId)) ?? '';
    drawComposer();
}

/** The text sent: a quote goes first as "> " lines, as messengers show quotes. */
function withQuote(text: string): string {
    if (!quote) return text;
    const quoted = quote.text.split('\n').map((l) => `> ${l}`).join('\n');
    return `${quote.author} wrote:\n${quoted}\n\n${text}`;
}

async function deliver(temp: ThreadMessage, sessionId: string, text: string, sent: readonly UploadedFile[]): Promise<void> {
    try {
        const { message } = await Server.call<{ message: ApiMessage }>('reply', {
            sessionId, text, files: replyFiles(sent),
        });
        desk.thread?.sending.delete(temp.id);
        removeMessage(temp.id);
        if (desk.thread?.sessionId === sessionId) upsertMessages([toThreadMessage(message)]);
    } catch (error) {
        UI.notify(`Not sent: ${reasonOf(error)}`, 'error');
        upsertMessages([{ ...temp, deliveryState: 'failed' }]);
    }
}

export async function send(): Promise<void> {
    const thread = desk.thread;
    const box = textarea();
    if (!thread || !box || desk.card?.refusals.reply) return;
    const text = box.value.trim();
    if (editing) {
        const id = editing;
        try {
            await Server.call('edit_message', { messageId: id, text });
            editing = null;
            box.value = '';
            drawComposer();
        } catch (error) {
            UI.notify(reasonOf(error), 'error');
        }
        return;
    }
    if (!text && files.list.length === 0) return;
    const body = withQuote(text);
    const sent = files.take();
    const temp: ThreadMessage = {
        id: `sending-${Date.now()}-${Math.random().toString(36).slice(2)}`, session: thread.sessionId, authorKind: 'operator',
        authorName: Context.user.fullname, text: body, attachments: sent.map((f) => ({ name: f.name, url: f.url })),
        deliveryState: 'pending', createdAt: new Date().toISOString(),
    };
    thread.sending.set(temp.id, temp);
    resetComposer();
    box.value = '';
    localStorage.removeItem(draftKey(thread.sessionId));
    drawComposer();
    upsertMessages([temp]);
    await deliver(temp, thread.sessionId, body, sent);
}

/** Retry: a reply this tab could not send is sent again; a stored one is handed to delivery now. */
export async function retryMessage(event: Event): Promise<void> {
    const m = messageOf(event);
    const thread = desk.thread;
    if (!m || !thread) return;
    if (thread.sending.has(m.id)) {
        upsertMessages([{ ...m, deliveryState: 'pending' }]);
        await deliver(m, thread.sessionId, m.text, (m.attachments ?? []).map((a) => ({ id: '', name: a.name, url: a.url, size: a.size ?? 0 })));
        return;
    }
    try {
        await Server.call('retry_delivery', { sessionId: thread.sessionId, messageId: m.id });
        UI.notify('Sending again');
    } catch (error) {
        UI.notify(reasonOf(error), 'error');
    }
}
