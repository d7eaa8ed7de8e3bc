/** A workspace page that mounts an extension widget (`/widgets/<extension>/<widget>`). */
import { find } from './dom';
import { ensureLayout, setTitle } from './layout';
import type { Cleanup } from './router';
import { session } from './session';
import { mountWidget } from './widget-host';

export async function widgetPage(params: Record<string, string>): Promise<Cleanup> {
    const main = await ensureLayout();
    const path = `/widgets/${params.ext}/${params.widget}`;
    const page = session.workspaces.flatMap((w) => w.sections.flatMap((s) => s.pages)).find((p) => p.path === path);
    setTitle(page?.name ?? params.widget);
    main.innerHTML = '<div class="page-head"><h1></h1></div><section class="widget-box card"></section>';
    find(main, 'h1').textContent = page?.name ?? params.widget;
    return mountWidget(params.ext, params.widget, find(main, '.widget-box'), {});
}
