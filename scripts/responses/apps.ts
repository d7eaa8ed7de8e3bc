/**
 * The Articles and Templates apps (SPEC §7) as scripts see them, merged into `@brix/sdk`
 * like the apps of scripts/shared/apps.ts.
 */
import type { App, ApplicationItem } from '@brix/sdk';

export interface ArticleData {
    description: string | null;
    link: string | null;
    folder: string | null;
}

export interface TemplateData {
    description: string | null;
    text: string;
    /** Stored in its normal form (see short-code.ts), so typing `/code` is one index seek. */
    short_code: string | null;
    folder: string | null;
}

declare module '@brix/sdk' {
    interface NamespaceApps {
        articles: App<ArticleData>;
        templates: App<TemplateData>;
    }
}

export type Article = ApplicationItem<ArticleData>;
export type ResponseTemplate = ApplicationItem<TemplateData>;
