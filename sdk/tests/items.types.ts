/**
 * Type tests of the contract: what an extension may write compiles, misuse does not.
 * `npm run typecheck` compiles this file; every `@ts-expect-error` must meet an error.
 */
import { expectTypeOf } from 'expect-type';
import type { App, ApplicationItem, HttpApiRequest, HttpResponse, TApplication, TDatetime, TEnum, TUser } from '@brix/sdk';

interface FolderData {
    title: string | null;
}

interface ArticleData {
    description: string | null;
    views: number | null;
    published: TDatetime | null;
    kind: TEnum<'faq' | 'howto'> | null;
    owner: TUser | null;
    folder: TApplication<FolderData> | null;
}

declare module '@brix/sdk' {
    interface NamespaceApps {
        articles: App<ArticleData>;
    }
}

export async function validUse(req: HttpApiRequest): Promise<HttpResponse> {
    const item = Namespace.app.articles.create();
    item.data.__name = 'Refunds';
    item.data.views = 3;
    item.data.published = new TDatetime().add(new Duration(1, 'hours'));
    await item.save();
    await item.setStatus('published', 'ready');

    const found = await Namespace.app.articles.search()
        .where((f, g) => g.and(f.views.gte(3), f.__name.like('refund'), f.kind.eq('faq'), g.not(f.owner.eq(null)), g.fts('money')))
        .sort('__createdAt', false)
        .from(0)
        .size(100)
        .all();
    expectTypeOf(found).toEqualTypeOf<ApplicationItem<ArticleData>[]>();
    expectTypeOf(await Namespace.app.articles.search().first()).toEqualTypeOf<ApplicationItem<ArticleData> | undefined>();
    expectTypeOf(await Namespace.app.articles.search().count()).toEqualTypeOf<number>();
    const perKind = await Namespace.app.articles.search().where((f) => f.views.gt(0)).aggregate({ groupBy: ['kind', 'owner'], sum: ['views'], max: ['views'] });
    expectTypeOf(perKind[0].group.kind).toEqualTypeOf<string | number | boolean | null>();
    expectTypeOf(perKind[0].sum.views).toEqualTypeOf<number>();
    expectTypeOf(perKind[0].max.views).toEqualTypeOf<number | null>();

    const folder = await item.data.folder?.fetch();
    expectTypeOf(folder?.data.title).toEqualTypeOf<string | null | undefined>();
    const user = await System.users.getCurrentUser();
    expectTypeOf(user?.data.groupIds).toEqualTypeOf<readonly string[] | undefined>();
    await System.realtime.publish({ groups: ['staff'] }, 'article.saved', { id: item.id });
    await System.realtime.publishTo(`articles.article:${item.id}`, { groups: ['staff'] }, 'article.saved', { id: item.id });
    await System.realtime.publishTo(['articles.list', 'articles.counters'], { users: [] }, 'articles.changed', {}, { coalesce: true });
    expectTypeOf(Context.data.payload).toEqualTypeOf<import('@brix/sdk').TJSON | undefined>();
    if (!req.body) throw new ApiError('EMPTY', 'Send a body', 400);
    return new HttpResponse().status(201).json({ id: item.id });
}

export async function misuse(): Promise<void> {
    // @ts-expect-error an unknown field in where
    Namespace.app.articles.search().where((f) => f.colour.eq('red'));
    // @ts-expect-error a wrong value type in eq
    Namespace.app.articles.search().where((f) => f.views.eq('three'));
    // @ts-expect-error an enum code the field does not have
    Namespace.app.articles.search().where((f) => f.kind.eq('news'));
    // @ts-expect-error like is for text fields
    Namespace.app.articles.search().where((f) => f.views.like('3'));
    // @ts-expect-error a plain value is not a condition
    Namespace.app.articles.search().where(() => true);
    // @ts-expect-error sorting by an unknown field
    Namespace.app.articles.search().sort('colour');
    // @ts-expect-error grouping by an unknown field
    await Namespace.app.articles.search().aggregate({ groupBy: ['colour'] });
    const groups = await Namespace.app.articles.search().aggregate({ groupBy: ['kind'], sum: ['views'] });
    // @ts-expect-error a sum that was not asked for
    groups[0].sum.description.toFixed();
    const item = Namespace.app.articles.create();
    // @ts-expect-error a value of the wrong type
    item.data.views = 'many';
    // @ts-expect-error base fields are read-only
    item.data.__id = 'x';
    // @ts-expect-error an app the namespace does not declare
    Namespace.app.nothing.create();
    // @ts-expect-error realtime payloads must be JSON
    await System.realtime.publish({ users: [] }, 'e', { when: () => 1 });
    // @ts-expect-error a topic publish names who may receive it
    await System.realtime.publishTo('t', 'e', {});
}
