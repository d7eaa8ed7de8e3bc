/**
 * Widget settings in the manifest: a widget declares them, a form placement or a workspace
 * page sets them, and a placement that names an undeclared setting or a value outside an ENUM's options is
 * refused at install with the path of the value.
 */
import { parseManifest } from './schema';

function manifest(settings: Record<string, unknown>) {
    return {
        id: 'kit', name: 'Kit', version: '1.0.0', host: '>=0.1.0', namespace: 'kit',
        apps: [{
            code: 'notes', name: 'Notes', fields: [{ code: 'topic', name: 'Topic', type: 'STRING' }],
            permissions: { read: [], create: [], update: [], delete: [], export: [] },
            formWidgets: [{ widget: 'board', settings }],
        }],
        widgets: [{
            code: 'board', name: 'Board', rpc: [],
            settings: [
                { code: 'mode', name: 'Mode', type: 'ENUM', options: [{ code: 'short', name: 'Short' }, { code: 'long', name: 'Long' }], default: 'short' },
                { code: 'field', name: 'Field', type: 'STRING' },
            ],
        }],
    };
}

describe('widget settings in the manifest', () => {
    it('accepts declared settings with values of their options, and keeps the defaults', () => {
        const parsed = parseManifest(manifest({ mode: 'long', field: 'topic' }));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.manifest.widgets[0].settings.map((s) => [s.code, s.default])).toEqual([['mode', 'short'], ['field', undefined]]);
        expect(parsed.manifest.apps[0].formWidgets?.[0].settings).toEqual({ mode: 'long', field: 'topic' });
    });

    it('refuses an undeclared setting and a value that is not an option, by path', () => {
        const parsed = parseManifest(manifest({ mode: 'huge', colour: 'red' }));
        expect(parsed.ok).toBe(false);
        if (parsed.ok) return;
        expect(parsed.problems).toEqual(expect.arrayContaining([
            { path: 'apps.0.formWidgets.0.settings.mode', message: 'huge is not an option of mode' },
            { path: 'apps.0.formWidgets.0.settings.colour', message: 'widget board has no setting colour' },
        ]));
    });

    it('refuses an ENUM setting without options', () => {
        const m = manifest({});
        m.widgets[0].settings[0] = { code: 'mode', name: 'Mode', type: 'ENUM', default: 'short' } as typeof m.widgets[0]['settings'][0];
        const parsed = parseManifest(m);
        expect(!parsed.ok && parsed.problems.map((p) => p.path)).toEqual(['widgets.0.settings.0.options']);
    });

    it('lets a workspace page set the settings of its widget, checked the same way', () => {
        const page = (settings: Record<string, unknown>, target: object = { widget: 'board' }) => ({
            ...manifest({}), workspace: { code: 'kit', name: 'Kit', sections: [{ code: 'main', name: 'Main', pages: [{ code: 'long_board', name: 'Long board', ...target, settings }] }] },
        });
        const parsed = parseManifest(page({ mode: 'long' }));
        expect(parsed.ok && parsed.manifest.workspace?.sections[0].pages[0].settings).toEqual({ mode: 'long' });
        const refused = parseManifest(page({ mode: 'huge', colour: 'red' }));
        expect(!refused.ok && refused.problems).toEqual(expect.arrayContaining([
            { path: 'workspace.sections.0.pages.0.settings.mode', message: 'huge is not an option of mode' },
            { path: 'workspace.sections.0.pages.0.settings.colour', message: 'widget board has no setting colour' },
        ]));
        const onList = parseManifest(page({ mode: 'long' }, { app: 'notes' }));
        expect(!onList.ok && onList.problems.map((p) => p.message)).toEqual(['only a widget page has settings']);
    });
});
