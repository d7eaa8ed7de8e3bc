/**
 * A workspace page that mounts an extension widget (`/widgets/<extension>/<widget>`). The
 * page's query parameters (`?line=…`, set by pages a section script adds) become the
 * widget's inputs, so one widget serves many pages.
 */
import { find } from './dom';
import { ensureLayout, setTitle } from './layout';
import type { Cleanup } from './router';
import { session } from './session';
import { mountWidget } from './widget-host';

export async function widgetPage(params: Record<string, string>, search: URLSearchParams): Promise<Cleanup> {
    const main = await ensureLayout();
    const path = `/widgets/${params.ext}/${params.widget}`;
    const pages = session.workspaces.flatMap((w) => w.sections.flatMap((s) => s.pages));
    // The page whose own parameters the address carries: `?line=a&session=b` is still the page `?line=a`.
    const page = pages.filter((p) => p.path.split('?')[0] === path)
        .find((p) => [...new URLSearchParams(p.path.split('?')[1] ?? '')].every(([k, v]) => search.get(k) === v));
    setTitle(page?.name ?? params.widget);
    main.innerHTML = '<div class="page-head"><h1></h1></div><section class="widget-box card"></section>';
    find(main, 'h1').textContent = page?.name ?? params.widget;
    return mountWidget(params.ext, params.widget, find(main, '.widget-box'), Object.fromEntries(search));
}
