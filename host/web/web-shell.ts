/**
 * The host's web shell on the server side: the page and bundles, the navigation and user
 * lookup the client draws from, files of FILE fields and extension widget bundles.
 */
import type { FastifyInstance } from 'fastify';
import type { AppItems } from '../runtime/app-items';
import type { Extensions } from '../runtime/extensions';
import type { FileLinks } from '../runtime/file-links';
import type { Logger } from '../runtime/logger';
import type { ScriptRunner } from '../runtime/script-runner';
import type { Store } from '../store/store';
import { registerFiles } from './files';
import { registerNavigation } from './navigation';
import { registerShellAssets } from './shell-assets';
import { defaultUploadLimits, type UploadLimits } from './upload-limits';
import { registerUsersLookup } from './users-lookup';
import { registerWidgetBundles } from './widget-bundles';

export interface WebShellParts {
    store: Store;
    items: AppItems;
    extensions: Extensions;
    runner: ScriptRunner;
    logger: Logger;
    /** Where uploaded files are kept, and their signed links. */
    files: FileLinks;
    /** Upload size and quotas; unset ones keep their defaults. */
    uploads?: Partial<UploadLimits>;
}

export function registerWebShell(server: FastifyInstance, parts: WebShellParts): void {
    registerShellAssets(server);
    registerNavigation(server, parts);
    registerUsersLookup(server, parts.store);
    registerWidgetBundles(server, parts.extensions);
    registerFiles(server, parts.files, parts.store, { ...defaultUploadLimits, ...parts.uploads });
}
