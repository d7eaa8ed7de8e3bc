/** The signed-in user and the navigation drawn for them. */
export interface SessionUser {
    id: string;
    login: string;
    fullname: string;
    email: string | null;
    timezone: string;
    groups: string[];
}

export interface NavWorkspace {
    extension: string;
    code: string;
    name: string;
    sections: { code: string; name: string; pages: { code: string; name: string; path: string }[] }[];
}

/** A widget the shell mounts in the top bar's user menu. */
export interface NavWidget {
    extension: string;
    widget: string;
}

export const session: { user: SessionUser | null; workspaces: NavWorkspace[]; admin: boolean } = {
    user: null,
    workspaces: [],
    admin: false,
};

/** The signed-in user. @throws Error when nobody is signed in (views only run after sign-in). */
export function currentUser(): SessionUser {
    if (!session.user) throw new Error('not signed in');
    return session.user;
}
