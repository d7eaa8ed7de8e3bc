/**
 * A user field or an app-link field: chosen values as removable chips, and a search box
 * whose results come from the server (`/api/users?q=` or the linked app's item search),
 * so it works the same with ten items or a hundred thousand.
 */
import { api, query } from '../api';
import { itemsUrl, linkedApp } from '../app-info';
import { el } from '../dom';
import { itemName, loadItemNames, loadUserNames, rememberItem, rememberUser, userName, type UserCard } from '../refs';
import type { Control, ControlContext } from './control';

interface Found {
    id: string;
    name: string;
}

export async function lookupControl(ctx: ControlContext, value: unknown): Promise<Control> {
    const users = ctx.field.type === 'SYS_USER';
    const appKey = users ? '' : linkedApp(ctx.app, ctx.field);
    let chosen: string[] = (Array.isArray(value) ? value : value ? [value] : []).map(String);
    if (users) await loadUserNames(chosen);
    else await loadItemNames(appKey, chosen);
    const nameOf = (id: string) => (users ? userName(id) : itemName(appKey, id));

    const search = el('input', { type: 'search', id: ctx.id, autocomplete: 'off', placeholder: 'Type to search', 'aria-controls': `${ctx.id}-results` });
    const chips = el('ul', { class: 'chips', 'aria-label': `Chosen ${ctx.field.name}` });
    const results = el('ul', { class: 'lookup-results', id: `${ctx.id}-results`, 'aria-label': `Matches for ${ctx.field.name}` });

    const drawChips = () => {
        chips.replaceChildren(...chosen.map((id) => {
            const remove = el('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${nameOf(id)}` }, '×');
            remove.addEventListener('click', () => { chosen = chosen.filter((c) => c !== id); drawChips(); search.focus(); });
            return el('li', { class: 'chip' }, el('span', {}, nameOf(id)), remove);
        }));
    };

    const find = async (text: string): Promise<Found[]> => {
        if (users) {
            const { users: found } = await api<{ users: UserCard[] }>('GET', `/api/users${query({ q: text })}`);
            found.forEach(rememberUser);
            return found.map((u) => ({ id: u.id, name: `${u.fullname} (${u.login})` }));
        }
        const { items } = await api<{ items: { __id: string; __name: string }[] }>('GET', `${itemsUrl(appKey)}${query({ q: text, size: 10 })}`);
        items.forEach((i) => rememberItem(appKey, i.__id, i.__name));
        return items.map((i) => ({ id: i.__id, name: i.__name }));
    };

    let timer: ReturnType<typeof setTimeout> | undefined;
    let asked = 0;
    const refresh = () => {
        clearTimeout(timer);
        timer = setTimeout(async () => {
            const ticket = ++asked;
            const found = await find(search.value.trim()).catch(() => []);
            if (ticket !== asked) return;
            results.replaceChildren(...found.map((f) => {
                const pick = el('button', { type: 'button' }, f.name);
                pick.addEventListener('click', () => {
                    chosen = ctx.field.multiple ? [...new Set([...chosen, f.id])] : [f.id];
                    results.replaceChildren();
                    search.value = '';
                    drawChips();
                    search.focus();
                });
                return el('li', {}, pick);
            }));
        }, 200);
    };
    search.addEventListener('input', refresh);
    search.addEventListener('focus', refresh);
    search.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') results.replaceChildren();
        if (e.key === 'ArrowDown') { e.preventDefault(); results.querySelector('button')?.focus(); }
    });
    // Arrow keys walk the matches; Escape goes back to the search box.
    results.addEventListener('keydown', (e) => {
        const buttons = [...results.querySelectorAll('button')];
        const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const next = at + (e.key === 'ArrowDown' ? 1 : -1);
            (next < 0 ? search : buttons[Math.min(next, buttons.length - 1)]).focus();
        }
        if (e.key === 'Escape') { results.replaceChildren(); search.focus(); }
    });
    drawChips();
    return {
        element: el('div', { class: 'lookup' }, chips, search, results),
        labelFor: ctx.id,
        read: () => ({ value: ctx.field.multiple ? chosen : chosen[0] ?? null }),
    };
}
