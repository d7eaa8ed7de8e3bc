/**
 * Who may do what with an app's items through the item API: administrators always; others
 * when one of their groups is listed for the action, as an administrator set it
 * (app-access.ts) or else in the app's manifest. Actions the
 * manifest keeps for scripts (`scriptOnly`) are nobody's here.
 */
import type { PermissionAction } from '../manifest/schema';
import type { InstalledApp } from '../runtime/app-items';
import type { UserRecord } from '../store/store';

export const ADMIN_GROUP = 'administrators';

export function isAdmin(user: Pick<UserRecord, 'groups'>): boolean {
    return user.groups.includes(ADMIN_GROUP);
}

export function can(user: Pick<UserRecord, 'groups'>, app: InstalledApp, action: PermissionAction): boolean {
    if ((app.manifest.scriptOnly as readonly PermissionAction[] | undefined)?.includes(action)) return false;
    if (isAdmin(user)) return true;
    return (app.access ?? app.manifest.permissions)[action].some((g) => user.groups.includes(g));
}

/** Every action the user may take on the app, for the web shell to show the right buttons. */
export function allowedActions(user: Pick<UserRecord, 'groups'>, app: InstalledApp): PermissionAction[] {
    return (['read', 'create', 'update', 'delete', 'export'] as const).filter((a) => can(user, app, a));
}
