/**
 * Navigation the workspace adds per user (the manifest's `pagesScript`): one desk page for
 * each live chat the user works in (SPEC §2), and the Messages page for internal customers
 * (SPEC §4). Readers get no desk: they read through the Live Chat Messages widget.
 */
import { caller, roleIn } from '../access/roles';
import { isInternalCustomer } from '../channels/internal/customer';

const allLines = () => Namespace.app.lines.search().sort('__name').size(1_000).all();

export async function deskPages(): Promise<void> {
    const user = await caller();
    const lines = (await allLines()).filter((l) => ['administrator', 'supervisor', 'operator'].includes(roleIn(user, l)));
    Context.data.pages = lines.map((l) => ({ code: `desk_${l.id.replace(/[^a-z0-9]/gi, '')}`, name: l.data.__name, widget: 'desk', params: { line: l.id } }));
}

export async function messagesPages(): Promise<void> {
    const user = await caller();
    const writes = (await allLines()).some((l) => isInternalCustomer(user, l));
    Context.data.pages = writes ? [{ code: 'messages', name: 'Messages', widget: 'messages' }] : [];
}
