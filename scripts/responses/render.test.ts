/**
 * Template text rendering: every variable, the date helpers in the operator's time zone,
 * plain-text output that is never compiled twice, missing values as warnings, prompts, and
 * a sandbox with no way to the prototypes or to helpers other than ours.
 */
import { renderTemplate, templateProblem, templateVariables, type TemplateContext } from './render';

const full: TemplateContext = {
    values: {
        client_name: 'Alice Smith', client_email: 'alice@example.com', client_phone: '+44 20 7946 0958',
        operator_name: 'Olga Operator', live_chat_name: 'Support', session_name: 'Alice via Bridge',
    },
    timeZone: 'Europe/Berlin',
    now: new Date('2026-11-27T23:30:00Z'),
};

describe('renderTemplate', () => {
    it('fills every variable', () => {
        const source = Object.keys(templateVariables).map((v) => `${v}={{${v}}}`).join('\n');
        const { text, warnings, prompts } = renderTemplate(source, full);
        expect(text).toBe([
            'client_name=Alice Smith', 'client_email=alice@example.com', 'client_phone=+44 20 7946 0958',
            'operator_name=Olga Operator', 'live_chat_name=Support', 'session_name=Alice via Bridge',
        ].join('\n'));
        expect(warnings).toEqual([]);
        expect(prompts).toEqual([]);
    });

    it("shows the current date and time in the operator's time zone, in a chosen format too", () => {
        const { text } = renderTemplate('{{now}} | {{date}} | {{time}} | {{date "d MMMM yyyy"}}', full);
        expect(text).toBe('2026-11-28 00:30 | 2026-11-28 | 00:30 | 28 November 2026');
        expect(renderTemplate('{{now}}', { ...full, timeZone: 'America/New_York' }).text).toBe('2026-11-27 18:30');
        expect(renderTemplate('{{time}}', { ...full, timeZone: 'Not/AZone' }).text).toBe('23:30');
    });

    it('keeps markup in values as text and never compiles a value', () => {
        const hostile = { ...full, values: { ...full.values, client_name: '<img src=x onerror=alert(1)> {{operator_name}}' } };
        const { text } = renderTemplate('Hello {{client_name}} & {{operator_name}}', hostile);
        expect(text).toBe('Hello <img src=x onerror=alert(1)> {{operator_name}} & Olga Operator');
        const asked = renderTemplate('Order {{ask "Order number"}}', full, { 'Order number': '{{client_email}}' });
        expect(asked.text).toBe('Order {{client_email}}');
    });

    it('warns of an empty or unknown variable instead of dropping it silently', () => {
        const context = { ...full, values: { ...full.values, client_email: '', client_phone: null } };
        const { text, warnings } = renderTemplate('Mail {{client_email}}, call {{client_phone}}, order {{order_id}}.', context);
        expect(text).toBe('Mail , call , order .');
        expect(warnings).toEqual([
            "{{client_email}} is empty: the client's e-mail is not known",
            "{{client_phone}} is empty: the client's phone is not known",
            'Unknown variable {{order_id}}: nothing was inserted for it',
        ]);
        expect(renderTemplate('{{#if client_phone}}Call {{client_phone}}{{/if}}', context).warnings).toEqual([
            "{{client_phone}} is empty: the client's phone is not known",
        ]);
    });

    it('asks for placeholders and fills them with the answers', () => {
        const source = 'Order {{ask "Order number"}} ships {{ask "Ship date"}}; ref {{ask "Order number"}}';
        const first = renderTemplate(source, full);
        expect(first.prompts).toEqual(['Order number', 'Ship date']);
        expect(first.text).toBe('Order [Order number] ships [Ship date]; ref [Order number]');
        expect(first.warnings).toEqual(['"Order number" is not answered yet', '"Ship date" is not answered yet']);
        const filled = renderTemplate(source, full, { 'Order number': 'A-17', 'Ship date': 'Monday' });
        expect(filled).toEqual({ text: 'Order A-17 ships Monday; ref A-17', warnings: [], prompts: ['Order number', 'Ship date'] });
    });

    it('reaches nothing behind the values: no prototypes, no constructors', () => {
        const probes = [
            '{{constructor}}', '{{__proto__}}', '{{client_name.constructor}}',
            '{{#with client_name}}{{constructor.name}}{{/with}}', '{{toString}}', '{{hasOwnProperty}}',
            '{{#with (ask "x")}}{{constructor.constructor}}{{/with}}',
        ];
        for (const probe of probes) {
            const { text } = renderTemplate(probe, full, { x: 'y' });
            expect({ probe, text }).toEqual({ probe, text: '' });
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses helpers other than ours and a malformed ask', () => {
        expect(templateProblem('{{lookup this "constructor"}}')).toMatch(/unknown helper lookup/);
        expect(templateProblem('{{log "x"}}')).toMatch(/unknown helper log/);
        expect(templateProblem('{{#each client_name}}{{/each}}')).toBeNull();
        expect(templateProblem('{{#each}}x{{/each}}')).toMatch(/Must pass iterator/);
        expect(templateProblem('{{ask client_name}}')).toMatch(/one question in quotes/);
        expect(templateProblem('{{ask}}')).toMatch(/one question in quotes/);
        expect(templateProblem('Hello {{client_name')).toMatch(/Parse error|Expecting/);
        expect(() => renderTemplate('{{lookup this "x"}}', full)).toThrow(/cannot be used/);
        expect(templateProblem('Hello {{client_name}} {{ask "Order"}} {{now "dd.MM"}}')).toBeNull();
    });
});
