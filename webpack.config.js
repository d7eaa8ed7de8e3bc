// Builds the extension's bundles: the server bundle (every server script and widget
// server method, self-contained, CommonJS) and one browser bundle per widget; and the
// host's web shell client (build/web/).
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;
const widgetDirs = fs.existsSync(path.join(root, 'widgets'))
    ? fs.readdirSync(path.join(root, 'widgets'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)
    : [];

const tsRule = (configFile) => ({
    test: /\.ts$/,
    exclude: /node_modules/,
    use: [{ loader: 'ts-loader', options: { configFile: path.join(root, configFile), onlyCompileBundledFiles: true } }],
});

const common = {
    mode: 'production',
    context: root,
    devtool: false,
    resolve: { extensions: ['.ts', '.js'] },
    optimization: { minimize: false },
    performance: { hints: false },
    stats: 'errors-warnings',
};

const server = {
    ...common,
    name: 'server',
    target: 'es2022',
    entry: { server: './scripts/index.ts' },
    // Handlebars' main entry pulls in Node's fs for require.extensions; the CommonJS dist
    // build is the same compiler without it, so the bundle stays self-contained.
    resolve: { ...common.resolve, alias: { handlebars$: require.resolve('handlebars/dist/cjs/handlebars.js') } },
    output: { path: path.join(root, 'dist/bundle'), filename: '[name].js', library: { type: 'commonjs2' }, chunkFormat: 'commonjs' },
    module: {
        rules: [
            tsRule('tsconfig.scripts.json'),
            // The extension's text templates (templates/): precompiled, and plain text, so no HTML escaping;
            // `*.html.hbs` are HTML documents, escaped as usual.
            { test: /\.hbs$/, include: path.join(root, 'templates'), exclude: /\.html\.hbs$/, loader: 'handlebars-loader', options: { precompileOptions: { noEscape: true } } },
            { test: /\.html\.hbs$/, include: path.join(root, 'templates'), loader: 'handlebars-loader' },
        ],
    },
};

// A widget's bundle exports its client script's functions (onInit, onLoad, handlers) and
// its compiled template as `template`; a small generated entry joins the two files.
function widgetEntry(code) {
    const dir = path.join(root, 'build/widget-entries');
    const file = path.join(dir, `${code}.js`);
    const hbs = path.join(root, 'widgets', code, `${code}.hbs`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, [
        `export * from ${JSON.stringify(path.join(root, 'widgets', code, `${code}.client.ts`))};`,
        fs.existsSync(hbs) ? `export { default as template } from ${JSON.stringify(hbs)};` : 'export const template = () => \'\';',
    ].join('\n') + '\n');
    return file;
}

const widgets = widgetDirs
    .filter((code) => fs.existsSync(path.join(root, 'widgets', code, `${code}.client.ts`)))
    .map((code) => ({
        ...common,
        name: `widget-${code}`,
        target: 'web',
        entry: { [code]: widgetEntry(code) },
        // Shipped to every browser that mounts it: minified, so the parts of a library a widget does not use are dropped.
        optimization: { minimize: true },
        output: { path: path.join(root, 'dist/bundle/widgets'), filename: '[name].js', library: { type: 'var', name: ['BrixWidgets', code] } },
        // A widget's stylesheet comes in as text; the widget adds it to the page once.
        module: { rules: [tsRule('tsconfig.widgets.json'), { test: /\.hbs$/, loader: 'handlebars-loader' }, { test: /\.css$/, type: 'asset/source' }] },
    }));

const web = {
    ...common,
    name: 'web',
    target: 'web',
    entry: { shell: './host/web/client/main.ts' },
    output: { path: path.join(root, 'build/web'), filename: '[name].js' },
    module: {
        rules: [
            tsRule('tsconfig.web.json'),
            { test: /\.hbs$/, loader: 'handlebars-loader' },
            { test: /\.css$/, type: 'asset/resource', generator: { filename: '[name][ext]' } },
        ],
    },
};

// Scripts other sites embed (embeds/<code>/<code>.ts): minified, with their stylesheet as
// text, one file each; their size budget is checked when the package is built.
const embedDirs = fs.existsSync(path.join(root, 'embeds'))
    ? fs.readdirSync(path.join(root, 'embeds'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)
    : [];
const embeds = embedDirs.map((code) => ({
    ...common,
    name: `embed-${code}`,
    target: ['web', 'es2020'],
    entry: { [code]: `./embeds/${code}/${code}.ts` },
    optimization: { minimize: true },
    output: { path: path.join(root, 'dist/bundle/embeds'), filename: '[name].js', iife: true },
    module: { rules: [tsRule('tsconfig.embeds.json'), { test: /\.css$/, type: 'asset/source' }] },
}));

module.exports = [server, ...widgets, ...embeds, web];
