/**
 * A tiny test-only extension, packed by `fixturePackage` like the product is: a workspace
 * page that mounts the `probe` widget, an app whose form mounts it too (with a setting of its
 * own; the page keeps the setting's default), and the widget's
 * server method `ping`, which answers through Context, pushes a realtime event and sends a
 * notification.
 * It never ships: the tests write it to a temporary file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fixturePackage } from './fixture-package';

const manifest = {
    id: 'probe-kit',
    name: 'Probe kit',
    version: '1.0.0',
    host: '>=0.1.0',
    namespace: 'probe',
    apps: [{
        code: 'notes', name: 'Notes', itemName: 'Note',
        fields: [{ code: 'topic', name: 'Topic', type: 'STRING', list: true }],
        permissions: { read: [], create: [], update: [], delete: [], export: [] },
        formWidgets: [{ widget: 'probe', inputs: { question: 'topic' }, settings: { greeting: 'Hi' } }],
    }, {
        // One field of every type the form has a control for.
        code: 'samples', name: 'Samples', itemName: 'Sample',
        fields: [
            { code: 'body', name: 'Body', type: 'TEXT' },
            { code: 'count', name: 'Count', type: 'INTEGER', list: true },
            { code: 'ratio', name: 'Ratio', type: 'FLOAT' },
            { code: 'urgent', name: 'Urgent', type: 'BOOLEAN', list: true },
            { code: 'due', name: 'Due', type: 'DATETIME', list: true },
            { code: 'day', name: 'Day', type: 'DATE' },
            { code: 'wait', name: 'Wait', type: 'DURATION' },
            { code: 'colour', name: 'Colour', type: 'ENUM', options: [{ code: 'red', name: 'Red' }, { code: 'blue', name: 'Blue' }], list: true },
            { code: 'owner', name: 'Owner', type: 'SYS_USER', list: true },
            { code: 'note', name: 'Note', type: 'SYS_COLLECTION', app: 'notes' },
            { code: 'mail', name: 'Mail', type: 'EMAIL' },
            { code: 'tel', name: 'Tel', type: 'PHONE' },
            { code: 'rows', name: 'Rows', type: 'TABLE', columns: [{ code: 'what', name: 'What', type: 'STRING' }, { code: 'qty', name: 'Qty', type: 'INTEGER' }] },
            { code: 'attachment', name: 'Attachment', type: 'FILE' },
            { code: 'extra', name: 'Extra', type: 'JSON' },
        ],
        statuses: [{ code: 'draft', name: 'Draft' }, { code: 'done', name: 'Done', final: true }],
        permissions: { read: [], create: [], update: [], delete: [], export: [] },
    }],
    workspace: { code: 'probe', name: 'Probe', sections: [
        { code: 'tools', name: 'Tools', pages: [{ code: 'probe', name: 'Probe page', widget: 'probe' }] },
        // Pages a script adds per user, with parameters that become the widget's inputs.
        { code: 'asked', name: 'Asked', pagesScript: 'probePages' },
    ] },
    widgets: [{
        code: 'probe', name: 'Probe', inputs: [{ code: 'question', name: 'Question', type: 'STRING' }], rpc: ['ping'],
        settings: [{ code: 'greeting', name: 'Greeting', type: 'STRING', default: 'Hello' }],
    }, { code: 'probe-menu', name: 'Probe menu' }],
    userMenu: ['probe-menu'],
};

// Runs in the host with the SDK's server globals.
const serverBundle = `
module.exports = { scripts: {
    probePages: async function () {
        const me = await System.users.getCurrentUser();
        Context.data.pages = [
            { code: 'asked', name: 'Asked by ' + me.data.fullname, widget: 'probe', params: { question: 'asked & answered' } },
            { code: 'broken', name: 'Broken', widget: 'no-such-widget' },
        ];
    },
}, widgets: { probe: {
    ping: async function () {
        const me = await System.users.getCurrentUser();
        Context.data.answer = 'pong to ' + Context.data.question + ' from ' + me.data.fullname;
        await System.realtime.publish({ users: [me.data.__id] }, 'probe.pushed', { text: 'pushed after ' + Context.data.question });
        await System.notifications.send({ users: [me.data.__id] }, { title: 'Probe', text: 'answered ' + Context.data.question });
    },
} } };
`;

// Shaped like a webpack widget bundle: \`var BrixWidgets\` with the client functions and the template.
const widgetBundle = `
var BrixWidgets = BrixWidgets || {};
BrixWidgets.probe = (function () {
    function esc(v) { return String(v == null ? '' : v).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
    return {
        template: function (d) {
            return '<p>Question: <span class="question">' + esc(d.question) + '</span></p>'
                + '<p class="greeting">' + esc(d.greeting) + ' on ' + esc(d.placed) + '</p>'
                + '<button type="button" data-on-click="ask">Ask the server</button>'
                + '<p class="answer">' + esc(d.answer) + '</p><p class="pushed">' + esc(d.pushed) + '</p>';
        },
        onInit: function () {
            if (!Context.data.question) Context.data.question = 'ping';
            Context.data.placed = Context.form ? Context.form.app + ' ' + Context.form.itemId : 'a page';
            UI.onEvent('probe.pushed', function (payload) { Context.data.pushed = payload.text; ViewContext.rerender(); });
        },
        ask: async function () {
            await Server.rpc.ping();
            ViewContext.rerender();
        },
    };
})();
`;

// The user menu's widget: shows whose menu it is.
const menuBundle = `
var BrixWidgets = BrixWidgets || {};
BrixWidgets['probe-menu'] = { template: function () { return '<span class="probe-menu">probe menu</span>'; } };
`;

/** Writes the probe package into `dir` and returns its path. */
export function writeProbePackage(dir: string): string {
    const file = path.join(dir, 'probe-kit.e365');
    fs.writeFileSync(file, fixturePackage(manifest, serverBundle, { probe: widgetBundle, 'probe-menu': menuBundle }));
    return file;
}
