/**
 * `System.userGroups` in scripts: a group's users are read in one query however many there
 * are (scripts may read a big group on every request), in the group's order, and
 * only users that still exist; a group is found by its code without reading every group.
 */
import { userGroupsApi } from '../../host/runtime/script-users';
import { startTestHost, type TestHost } from '../support/test-host';

describe('a group\'s users in scripts', () => {
    let t: TestHost;
    beforeAll(async () => {
        t = await startTestHost({ packageFile: null });
    });
    afterAll(() => t.close());

    it('finds one group by code, not by listing them all', async () => {
        const groups = t.host.store.system.groups;
        await groups.upsert({ code: 'desk', name: 'Desk', extensionId: null });
        const { list } = groups;
        groups.list = async () => {
            throw new Error('listed every group to find one');
        };
        try {
            const api = userGroupsApi(t.host.store);
            expect((await api.get('desk'))?.data).toEqual({ __id: 'desk', code: 'desk', __name: 'Desk' });
            expect(await api.get('nobody')).toBeUndefined();
        } finally {
            groups.list = list;
        }
    });

    it('reads all members at once, not one by one', async () => {
        const users = t.host.store.system.users;
        await t.host.store.system.groups.upsert({ code: 'crew', name: 'Crew', extensionId: null });
        const ids: string[] = [];
        for (const login of ['operator1', 'operator2', 'supervisor', 'reader']) {
            const id = (await users.byLogin(login))!.id;
            await users.setGroups(id, ['crew']);
            ids.push(id);
        }
        const members = await t.host.store.system.groups.members('crew');
        const reads: string[] = [];
        const { get, list, many } = users;
        users.get = async (id) => (reads.push('get'), get.call(users, id));
        users.list = async (q) => (reads.push('list'), list.call(users, q));
        users.many = async (wanted) => (reads.push(`many ${wanted.length}`), many.call(users, wanted));
        try {
            const group = await userGroupsApi(t.host.store).get('crew');
            const found = await group!.users();
            expect(found.map((u) => u.id)).toEqual(members);
            expect(new Set(found.map((u) => u.id))).toEqual(new Set(ids));
            expect(reads).toEqual(['many 4']);
        } finally {
            Object.assign(users, { get, list, many });
        }
    });
});
