// A real reveal.js deck (from the npm registry, pinned) in headless Chromium with Stagehand's
// bridge, and a real OBS: the deck advances by itself and the slide progress source follows.
//   node slides-check.mjs --port N --out DIR --position-file FILE live
//   node slides-check.mjs --port N --out DIR verify      (after OBS was killed and restarted)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, connect, failed, parseArgs, sleep, vendor, waitFor } from './check-lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = parseArgs(process.argv.slice(2));
const mode = args.rest[0];
const obs = await connect(args.port);
const call = (requestType, requestData) => vendor(obs, requestType, requestData);
const slides = async () => (await call('get_state')).slides;
const saved = `${args.out}/slides-before-kill.json`;

const deck = `<!doctype html><html><head><meta charset="utf-8"><title>Stagehand smoke deck</title>
<link rel="stylesheet" href="/reveal/dist/reveal.css"></head><body><div class="reveal"><div class="slides">
<section>One</section><section>Two</section><section>Three</section><section>Four</section><section>Five</section>
</div></div><script src="/reveal/dist/reveal.js"></script><script src="/bridge/stagehand-reveal.js"></script>
<script>Reveal.initialize({ plugins: [StagehandReveal], autoSlide: 700, loop: false,
  stagehand: { port: ${Number(args.port)} } });</script></body></html>`;

let server;
let browser;
let profile;
try {
    if (mode === 'live') {
        server = http.createServer((req, res) => {
            const url = new URL(req.url, 'http://127.0.0.1');
            let file = null;
            if (url.pathname === '/deck.html') {
                res.writeHead(200, { 'content-type': 'text/html' });
                return res.end(deck);
            }
            if (url.pathname.startsWith('/reveal/'))
                file = path.join(here, 'node_modules/reveal.js', url.pathname.slice(8));
            else if (url.pathname === '/bridge/stagehand-reveal.js')
                file = path.join(root, 'data/bridges/stagehand-reveal.js');
            try {
                const body = readFileSync(file);
                res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' });
                res.end(body);
            } catch {
                res.writeHead(404);
                res.end();
            }
        });
        await new Promise((r) => server.listen(0, '127.0.0.1', r));
        profile = mkdtempSync(path.join(tmpdir(), 'stagehand-chromium-'));
        browser = spawn(process.env.CHROMIUM || 'chromium', ['--headless=new', '--no-sandbox', '--disable-gpu',
            '--no-first-run', `--user-data-dir=${profile}`,
            `http://127.0.0.1:${server.address().port}/deck.html`], { stdio: 'ignore' });
        check('the deck told OBS it has 5 slides', await waitFor(async () => (await slides()).total === 5, 30000),
            JSON.stringify(await slides()));
        check('the overlay follows the deck as it advances',
            await waitFor(async () => (await slides()).current >= 3, 20000), JSON.stringify(await slides()));
        const { imageData } = await obs.call('GetSourceScreenshot', { sourceName: 'Slide progress', imageFormat: 'png' });
        writeFileSync(`${args.out}/slides-following-reveal.png`, Buffer.from(imageData.slice(imageData.indexOf(',') + 1), 'base64'));
        browser.kill();
        browser = null;

        // A tool that can only write a file: "4/5" in the file the source follows.
        writeFileSync(args['position-file'], '2/5\n');
        await obs.call('SetInputSettings', { inputName: 'Slide progress', inputSettings: { position_file: args['position-file'] } });
        check('a position file moves the overlay', await waitFor(async () => (await slides()).current === 2, 10000));
        writeFileSync(`${args['position-file']}.tmp`, '4/5\n');
        renameSync(`${args['position-file']}.tmp`, args['position-file']);
        check('a save of the position file moves it again', await waitFor(async () => (await slides()).current === 4, 10000));
        // Following no file any more: the file is let go, and a later save moves nothing.
        await obs.call('SetInputSettings', { inputName: 'Slide progress', inputSettings: { position_file: '' } });
        await sleep(500);
        writeFileSync(`${args['position-file']}.tmp`, '5/5\n');
        renameSync(`${args['position-file']}.tmp`, args['position-file']);
        await sleep(1500);
        check('a position file no longer followed moves nothing', (await slides()).current === 4,
            JSON.stringify(await slides()));
        await call('timer_start');
        await sleep(300);
        writeFileSync(saved, JSON.stringify(await slides()));
    } else if (mode === 'verify') {
        const before = JSON.parse(readFileSync(saved, 'utf8'));
        const after = await slides();
        check('the slide position and the running timer are back after SIGKILL',
            after.current === before.current && after.total === before.total && after.timer.running === true &&
            after.timer.elapsed_ms >= before.timer.elapsed_ms, `${JSON.stringify(before)} / ${JSON.stringify(after)}`);
    } else {
        throw new Error(`unknown mode "${mode}"`);
    }
} catch (err) {
    check(`slides check ran to the end: ${err.message}`, false);
} finally {
    if (browser) browser.kill();
    if (server) server.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await obs.disconnect();
}
console.log(`slides-check: ${failed()} failed`);
process.exit(failed());
