/**
 * The caller's Online/Offline switch (SPEC §3.3). Going Online frees capacity: waiting
 * sessions on hold for this operator's groups may now be assigned.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller, isOperatorOf, roleIn } from '../access/roles';
import { capacityFreed } from '../routing/drain-queue';
import { refusal } from '../shared/errors';
import { input, ok } from '../shared/http';
import { operatorState, writeStatus } from './status';

/** The status, and whether the caller works in any live chat (only they see the switch). */
export async function getMyStatus(): Promise<HttpResponse> {
    const user = await caller();
    const lines = await Namespace.app.lines.search().size(1_000).all();
    const staff = lines.some((l) => ['administrator', 'supervisor', 'operator'].includes(roleIn(user, l)));
    return ok({ status: (await operatorState(user.id))?.data.status.code ?? 'offline', staff });
}

export async function setMyStatus(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const status = values.status;
    if (status !== 'online' && status !== 'offline') throw refusal('VALIDATION_FAILED', 'status must be online or offline', { status: 'invalid value' });
    await writeStatus(user.id, status);
    if (status === 'online') {
        const lines = await Namespace.app.lines.search().size(1_000).all();
        for (const line of lines) if (isOperatorOf(user, line)) await capacityFreed(line.id);
    }
    return ok({ status });
}
