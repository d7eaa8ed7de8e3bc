/** One article or template a search finds, as `templates_search` answers it and the composers' picker shows it. */
export interface ResponseHit {
    kind: 'template' | 'article';
    id: string;
    name: string;
    description: string;
    folder: string;
    shortCode: string | null;
    /** Articles: what is inserted (description and link). */
    link: string | null;
}
