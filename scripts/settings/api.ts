/**
 * Global settings over HTTP: every signed-in user reads them (the UI needs them) with the
 * catalogue that explains each, administrators change them.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller, requireAdministrator } from '../access/roles';
import { input, ok } from '../shared/http';
import { globalCatalogue } from './catalogue';
import { readSettings, writeSettings } from './global-settings';

export async function getSettings(): Promise<HttpResponse> {
    await caller();
    return ok({ settings: await readSettings(), catalogue: globalCatalogue.map((e) => ({ ...e, options: e.options ?? null })) });
}

export async function saveSettings(req: HttpApiRequest): Promise<HttpResponse> {
    requireAdministrator(await caller());
    return ok({ settings: await writeSettings(input(req)) });
}
