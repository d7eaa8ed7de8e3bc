/**
 * The Messages workspace for internal users (SPEC §4): the headset button, or `~` typed in
 * the search field, lists the live chats the user may write to; the conversation shows the
 * whole history with the live chat and the operators' replies as they arrive.
 */
import type { UploadedFile } from '@brix/sdk';
import conversation from './conversation.hbs';
import picker from './picker.hbs';
import { attachResponsePicker, type ResponsePicker } from '../shared/responses/response-picker';
import { serverSource } from '../shared/responses/server-source';
import threadTemplate from '../shared/thread/thread.hbs';
import { mergeMessages, threadView, type ThreadMessage } from '../shared/thread/thread-view';

interface Line { id: string; name: string }
type Message = ThreadMessage & { author?: string | null };

const state = {
    lines: [] as Line[], line: null as Line | null, messages: [] as Message[], files: [] as UploadedFile[], quote: '',
    sendWith: 'ctrl_enter', editingAllowed: true, editing: null as string | null,
};
/**
 * Staff who write here too get their articles and templates (SPEC §7); the groups are those
 * that read the Templates app, and the server checks them again on every call.
 */
const templateReaders = ['administrators', 'supervisors', 'operators'];
let responses: ResponsePicker | null = null;
const hints: Record<string, string> = { ctrl_enter: 'Ctrl+Enter sends', enter: 'Enter sends, Shift+Enter starts a new line', button: 'Send with the button' };

function region(name: string): HTMLElement {
    return ViewContext.root.querySelector<HTMLElement>(`[data-region="${name}"]`)!;
}

function drawPicker(open: boolean, filter = ''): void {
    const lines = state.lines.filter((l) => l.name.toLowerCase().includes(filter.toLowerCase()));
    region('picker').innerHTML = picker({ open, lines });
}

function drawThread(): void {
    const box = region('thread');
    if (!box || !state.line) return;
    // One heading per conversation (session) with the live chat, named by its first message's date.
    const sessions = [...new Set(state.messages.map((m) => m.session))].map((id) => {
        const first = state.messages.find((m) => m.session === id)!;
        return { id, name: `Conversation with ${state.line!.name}`, state: '', createdAt: first.createdAt };
    });
    const last = sessions[sessions.length - 1]?.id ?? null;
    box.innerHTML = threadTemplate(threadView(sessions, state.messages, { currentSessionId: last, showSystem: true, hasEarlier: false, emptyText: 'Write your first message below.', ownSide: 'client' }));
    for (const article of box.querySelectorAll<HTMLElement>('article[data-message]')) {
        const id = article.dataset.message!;
        // Automatic replies are the system's, not a person's words to quote.
        if (state.messages.find((m) => m.id === id)?.authorKind === 'system') continue;
        article.append(action('Quote', 'quoteMessage', id));
        const own = state.messages.find((m) => m.id === id)?.authorKind === 'client';
        if (own && state.editingAllowed) article.append(' ', action('Edit', 'editMessage', id));
    }
    const log = box.querySelector<HTMLElement>('.lc-thread-log');
    if (log) log.scrollTop = log.scrollHeight;
}

function action(label: string, handler: string, id: string): HTMLButtonElement {
    const button = document.createElement('button');
    Object.assign(button, { type: 'button', className: 'link', textContent: label });
    button.dataset.onClick = handler;
    button.dataset.id = id;
    return button;
}

const named = (m: Message): Message => ({ ...m, authorName: m.authorKind === 'client' ? 'You' : m.authorKind === 'operator' ? `${state.line?.name ?? ''} operator` : null });

/** Draws the conversation; what the user has typed so far stays. */
function drawConversation(): void {
    const typed = ViewContext.root.querySelector<HTMLTextAreaElement>('#lc-employee-text')?.value ?? '';
    const templates = Boolean(state.line) && templateReaders.some((g) => Context.user.groupIds.includes(g));
    responses?.dispose();
    responses = null;
    region('conversation').innerHTML = conversation({ name: state.line?.name, files: state.files, quote: state.quote, editing: Boolean(state.editing), hint: hints[state.sendWith], templates });
    const text = ViewContext.root.querySelector<HTMLTextAreaElement>('#lc-employee-text')!;
    text.value = typed;
    const panel = region('conversation').querySelector<HTMLElement>('.lc-responses');
    if (panel && state.line) responses = attachResponsePicker(text, panel, serverSource({ lineId: state.line.id }), (error) => UI.notify(error, 'error'));
    text.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' || event.isComposing) return;
        const wants = state.sendWith === 'ctrl_enter' ? event.ctrlKey || event.metaKey : state.sendWith === 'enter' ? !event.shiftKey : false;
        if (!wants) return;
        event.preventDefault();
        text.form?.requestSubmit();
    });
    drawThread();
}

export async function onInit(): Promise<void> {
    state.lines = (await Server.call<{ lines: Line[] }>('internal_lines')).lines;
    const { settings } = await Server.call<{ settings: { send_with: string; allow_editing_messages: boolean } }>('settings');
    state.sendWith = settings.send_with;
    state.editingAllowed = settings.allow_editing_messages;
    UI.onEvent('live_chats.message', (payload) => {
        const push = payload as unknown as { line: string; message: Message };
        if (push.line !== state.line?.id) return;
        state.messages = mergeMessages(state.messages, [named(push.message)]);
        drawThread();
    });
    // Pushes may have been missed (a slow or dropped connection): fetch the thread again.
    UI.onRefresh(async () => {
        const line = state.line;
        if (!line) return;
        const { messages } = await Server.call<{ messages: Message[] }>('internal_thread', { lineId: line.id });
        if (state.line !== line) return;
        state.messages = mergeMessages(state.messages, messages.map(named));
        drawThread();
    });
}

export async function onLoad(): Promise<void> {
    const asked = state.lines.find((l) => l.id === Context.data.line) ?? (state.lines.length === 1 ? state.lines[0] : undefined);
    if (asked) await openLine(asked);
    else drawPicker(true);
}

async function openLine(line: Line): Promise<void> {
    const switching = state.line !== null && state.line.id !== line.id;
    state.line = line;
    state.files = [];
    state.quote = '';
    drawPicker(false);
    if (switching) region('conversation').replaceChildren();
    const { messages } = await Server.call<{ messages: Message[] }>('internal_thread', { lineId: line.id });
    state.messages = messages.map(named);
    drawConversation();
}

export function showLines(): void {
    drawPicker(true);
}

/** `~` starts a live chat search: `~sup` lists the live chats whose name has "sup". */
export function searchLines(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (value.startsWith('~')) drawPicker(true, value.slice(1).trim());
    else drawPicker(false);
}

export async function pickLine(event: Event): Promise<void> {
    const line = state.lines.find((l) => l.id === (event.target as HTMLElement).closest<HTMLElement>('[data-id]')?.dataset.id);
    if (!line) return;
    (ViewContext.root.querySelector('#lc-messages-search') as HTMLInputElement).value = '';
    if (state.line?.id === line.id) drawPicker(false);
    else await openLine(line);
    ViewContext.root.querySelector<HTMLTextAreaElement>('#lc-employee-text')?.focus();
}

export async function attach(event: Event): Promise<void> {
    for (const file of Array.from((event.target as HTMLInputElement).files ?? [])) state.files.push(await Server.upload(file));
    drawConversation();
}

export function quoteMessage(event: Event): void {
    const m = state.messages.find((x) => x.id === (event.target as HTMLElement).dataset.id);
    if (!m) return;
    state.quote = m.text.slice(0, 300);
    drawConversation();
}

export function dropQuote(): void {
    state.quote = '';
    drawConversation();
}

export function editMessage(event: Event): void {
    const m = state.messages.find((x) => x.id === (event.target as HTMLElement).dataset.id);
    if (!m) return;
    state.editing = m.id;
    drawConversation();
    ViewContext.root.querySelector<HTMLTextAreaElement>('#lc-employee-text')!.value = m.text;
}

export function cancelEdit(): void {
    state.editing = null;
    ViewContext.root.querySelector<HTMLTextAreaElement>('#lc-employee-text')!.value = '';
    drawConversation();
}

async function saveEdit(box: HTMLTextAreaElement): Promise<void> {
    try {
        const { message } = await Server.call<{ message: Message }>('internal_edit', { messageId: state.editing, text: box.value.trim() });
        state.messages = mergeMessages(state.messages, [named(message)]);
        state.editing = null;
        box.value = '';
        drawConversation();
    } catch (error) {
        UI.notify(`Not saved: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
}

export async function sendMessage(event: Event): Promise<void> {
    const form = event.target as HTMLFormElement;
    const box = form.querySelector<HTMLTextAreaElement>('textarea')!;
    if (state.editing) return saveEdit(box);
    const typed = box.value.trim();
    if (!state.line || (!typed && !state.files.length)) return;
    const text = state.quote ? `${state.quote.split('\n').map((l) => `> ${l}`).join('\n')}\n\n${typed}` : typed;
    const files = state.files.map((f) => ({ name: f.name, url: f.url, size: f.size }));
    box.value = '';
    try {
        const { message } = await Server.call<{ message: Message }>('internal_write', { lineId: state.line.id, text, files, clientMessageId: `${Date.now()}-${Math.random().toString(36).slice(2)}` });
        state.messages = mergeMessages(state.messages, [named(message)]);
        state.files = [];
        state.quote = '';
        drawConversation();
    } catch (error) {
        box.value = typed;
        UI.notify(`Not sent: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
}
