/**
 * Field values built from codes and ids, for writing enum and reference fields; the
 * platform stores the code or id and gives back full values after `save()`.
 */
import type { TEnum, TUser } from '@brix/sdk';

export function enumOf<C extends string>(code: C): TEnum<C> {
    return { code, name: code };
}

export function userRef(id: string): TUser {
    return {
        id,
        fetch: async () => {
            const user = await System.users.search().where((f) => f.__id.eq(id)).first();
            if (!user) throw new ApiError('NOT_FOUND', `No user ${id}`, 404);
            return user;
        },
    };
}
