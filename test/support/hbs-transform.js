// Jest transform for Handlebars templates, so jsdom tests render widget markup the way the
// webpack build does (handlebars-loader): the module's default export is the compiled
// template, and partials named by a relative path (`{{> ../shared/thread/thread}}`) are
// resolved from the template's folder, with or without the .hbs extension.
const fs = require('node:fs');
const path = require('node:path');
const Handlebars = require('handlebars');

function partialNames(source) {
    const names = new Set();
    const visitor = new Handlebars.Visitor();
    const visit = (node) => {
        if (node.name && node.name.type === 'PathExpression') names.add(node.name.original);
    };
    visitor.PartialStatement = function (node) { visit(node); return Handlebars.Visitor.prototype.PartialStatement.call(this, node); };
    visitor.PartialBlockStatement = function (node) { visit(node); return Handlebars.Visitor.prototype.PartialBlockStatement.call(this, node); };
    visitor.accept(Handlebars.parse(source));
    return [...names];
}

function resolvePartial(dir, name) {
    const base = path.resolve(dir, name);
    const found = [base, `${base}.hbs`, `${base}.handlebars`].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
    if (!found) throw new Error(`Partial ${name} not found from ${dir}`);
    return found;
}

module.exports = {
    process(source, filename) {
        const dir = path.dirname(filename);
        // The extension's text templates render plain text, as the server build compiles them.
        // `*.html.hbs` there are HTML documents, escaped as widget markup is.
        const text = filename.startsWith(path.resolve(__dirname, '../../templates') + path.sep) && !filename.endsWith('.html.hbs');
        const options = text ? '{ noEscape: true }' : '{}';
        const partials = partialNames(source).map((name) =>
            `env.registerPartial(${JSON.stringify(name)}, require(${JSON.stringify(resolvePartial(dir, name))}).default);`);
        return {
            code: [
                "const env = require('handlebars').create();",
                ...partials,
                `const template = env.compile(${JSON.stringify(source)}, ${options});`,
                'module.exports = { __esModule: true, default: template };',
            ].join('\n'),
        };
    },
    getCacheKey(source, filename) {
        return require('node:crypto').createHash('sha1').update(filename).update('\0').update(source).update('v2').digest('hex');
    },
};
