/**
 * Seeds a demo company into an empty store: users from a JSON file, put in the groups it
 * names. Passwords are BRIX_DEMO_PASSWORD when set, otherwise generated once and kept
 * (readable only by the owner) in `<data>/demo-logins.json` so every start can print them.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DemoSetupCall } from './demo-setup';
import type { Store } from './store/store';
import { generatePassword, hashPassword } from './server/passwords';

export interface DemoCompany {
    users: { login: string; fullname: string; email?: string; timezone?: string; groups: string[] }[];
    /** Extension scripts that seed demo data once the users exist (see demo-setup.ts). */
    setup?: DemoSetupCall[];
}

export interface DemoLogin {
    login: string;
    password: string;
    groups: string[];
}

const loginsFile = (dataDir: string) => path.join(dataDir, 'demo-logins.json');

/** Creates the demo users when the store has no users who sign in; returns the logins to print. */
export async function seedDemo(store: Store, dataDir: string, company: DemoCompany, fixedPassword = process.env.BRIX_DEMO_PASSWORD): Promise<DemoLogin[]> {
    // Extensions' service users (no password) are there from the install and do not count.
    if ((await store.system.users.list({ size: 10_000 })).some((u) => u.passwordHash !== '')) {
        const file = loginsFile(dataDir);
        return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DemoLogin[]) : [];
    }
    const known = new Set((await store.system.groups.list()).map((g) => g.code));
    const logins: DemoLogin[] = [];
    for (const u of company.users) {
        const password = fixedPassword || generatePassword();
        const id = randomUUID();
        await store.system.users.create({
            id, login: u.login, passwordHash: await hashPassword(password), fullname: u.fullname,
            email: u.email ?? null, timezone: u.timezone ?? 'UTC', status: 'active',
        });
        await store.system.users.setGroups(id, u.groups.filter((g) => known.has(g)));
        logins.push({ login: u.login, password, groups: u.groups });
    }
    if (dataDir !== ':memory:') fs.writeFileSync(loginsFile(dataDir), JSON.stringify(logins, null, 2), { mode: 0o600 });
    return logins;
}
