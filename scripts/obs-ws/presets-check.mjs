// Presets on the real OBS, as a presenter uses them through obs-websocket (Companion, a script):
// apply a built-in look to every overlay, export it, edit a colour in the file, import it and see
// every overlay change at once; then import a copy with a typo and see it refused with the exact
// place while nothing changes. Prints "ok - ..." / "FAIL - ..." lines; exits with the failures.
//
//   node presets-check.mjs --port N --out DIR
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { check, connectToStagehand, failed, parseArgs, waitFor } from './check-lib.mjs';

const args = parseArgs(process.argv.slice(2));
const { obs, events, call } = await connectToStagehand(args.port);
const overlays = ['TypeScript snippet', 'C# snippet', 'Slide progress', 'Live question'];
async function settings(inputName) {
    return (await obs.call('GetInputSettings', { inputName })).inputSettings;
}
async function looks() {
    const all = {};
    for (const name of overlays) all[name] = JSON.stringify(await settings(name));
    return all;
}
async function screenshot(sourceName) {
    const { imageData } = await obs.call('GetSourceScreenshot', { sourceName, imageFormat: 'png' });
    return Buffer.from(imageData.slice(imageData.indexOf(',') + 1), 'base64');
}
// OBS keeps colours as 0xAABBGGRR.
const abgr = (hex) => (0xff000000 | (parseInt(hex.slice(5, 7), 16) << 16) | (parseInt(hex.slice(3, 5), 16) << 8) | parseInt(hex.slice(1, 3), 16)) >>> 0;

// The smoke test goes on with the demo collection's own colours: they are put back at the end.
const original = {};
for (const name of overlays) original[name] = await settings(name);

try {
    const listed = await call('presets_list');
    const names = (listed.presets || []).map((p) => p.name);
    check('presets_list lists the built-in presets', listed.ok === true && ['Conference Dark', 'Conference Light', 'High Contrast'].every((n) => names.includes(n)), names.join(', '));

    events.length = 0;
    const applied = await call('preset_apply', { name: 'High Contrast' });
    check('preset_apply applies to every overlay source', applied.ok === true && overlays.every((n) => applied.sources.some((s) => s.name === n)), JSON.stringify(applied));
    check('the code card is the preset\'s black', (await settings('C# snippet')).background_color === abgr('#000000'));
    // The preset sets the font's size only: the face the source had (its default when never
    // changed) stays.
    const face = (original['C# snippet'].font || {}).face || 'JetBrains Mono';
    const font = (await settings('C# snippet')).font || {};
    check('the preset\'s font size leaves the source\'s font face', font.face === face && font.size === 34, JSON.stringify(font));
    check('preset_applied event received', await waitFor(() => events.some((e) => e.eventType === 'preset_applied' && e.eventData.name === 'High Contrast')));
    const state = await call('get_state');
    check('get_state says which preset each source follows', state.preset && state.preset.sources['Live question'] === 'High Contrast', JSON.stringify(state.preset));

    const exported = await call('preset_export', { name: 'High Contrast', file: 'my-look.json' });
    check('preset_export writes into the export folder', exported.ok === true && /exports\/my-look\.json$/.test(exported.file), JSON.stringify(exported));

    // Edit the colours in a text editor, as a presenter would, and import it.
    const before = { code: await screenshot('C# snippet'), question: await screenshot('Live question'), slides: await screenshot('Slide progress') };
    const doc = JSON.parse(readFileSync(exported.file, 'utf8'));
    doc.code.card.background = '#123456';
    doc.slides.card.background = '#123456';
    doc.question.card.background = '#123456';
    const edited = `${args.out}/preset-edited.json`;
    writeFileSync(edited, JSON.stringify(doc, null, 2));
    const imported = await call('preset_import', { file: edited });
    check('preset_import takes the edited file', imported.ok === true && imported.name === 'High Contrast', JSON.stringify(imported));
    check('the sources following it show it at once', imported.ok === true && overlays.every((n) => imported.applied_to.some((s) => s.name === n)), JSON.stringify(imported.applied_to));
    for (const name of ['C# snippet', 'Slide progress', 'Live question'])
        check(`${name}: its card has the edited colour`, (await settings(name)).background_color === abgr('#123456'));
    check('the code card\'s pixels changed', await waitFor(async () => !(await screenshot('C# snippet')).equals(before.code), 5000));
    check('the slide bar\'s pixels changed', await waitFor(async () => !(await screenshot('Slide progress')).equals(before.slides), 5000));

    // A typo: refused with the exact place, and nothing changes.
    const unchanged = await looks();
    const saved = readFileSync(imported.file, 'utf8');
    const typo = JSON.parse(JSON.stringify(doc));
    typo.code.card.backgorund = typo.code.card.background;
    delete typo.code.card.background;
    typo.question.font.size = 'big';
    const typoFile = `${args.out}/preset-typo.json`;
    writeFileSync(typoFile, JSON.stringify(typo, null, 2));
    const refused = await call('preset_import', { file: typoFile });
    check('an import with a typo is refused', refused.ok === false, JSON.stringify(refused));
    check('the refusal names every place and reason', refused.errors && refused.errors.some((e) => e.text === '/code/card/backgorund: unknown key "backgorund": did you mean "background"?') && refused.errors.some((e) => e.pointer === '/question/font/size' && e.reason === 'expected a number from 6 to 400, got "big"'), JSON.stringify(refused.errors));
    check('no source changed', JSON.stringify(await looks()) === JSON.stringify(unchanged));
    check('the preset file is untouched', readFileSync(imported.file, 'utf8') === saved);

    const saveAs = await call('preset_save', { name: 'My Stage' });
    check('preset_save keeps the current look as a user preset', saveAs.ok === true && JSON.parse(readFileSync(saveAs.file, 'utf8')).code.card.background.toUpperCase().startsWith('#123456'), JSON.stringify(saveAs));

    // Duplicate, rename, delete: user presets are files; built-ins are read-only.
    const copy = await call('preset_duplicate', { name: 'Conference Light', new_name: 'Light copy' });
    check('preset_duplicate copies a built-in as a user preset', copy.ok === true && JSON.parse(readFileSync(copy.file, 'utf8')).metadata.name === 'Light copy', JSON.stringify(copy));
    const renamed = await call('preset_rename', { name: 'Light copy', new_name: 'Meetup Light' });
    check('preset_rename moves the file and its name', renamed.ok === true && !existsSync(copy.file) && JSON.parse(readFileSync(renamed.file, 'utf8')).metadata.name === 'Meetup Light', JSON.stringify(renamed));
    const builtinDelete = await call('preset_delete', { name: 'Conference Light' });
    check('a built-in preset cannot be deleted', builtinDelete.ok === false && /built in/.test(builtinDelete.error), JSON.stringify(builtinDelete));
    for (const name of ['Meetup Light', 'My Stage']) {
        const deleted = await call('preset_delete', { name });
        check(`preset_delete removes ${name}`, deleted.ok === true && !existsSync(deleted.file), JSON.stringify(deleted));
    }
    // The imported High Contrast replaced the built-in; deleting it brings the built-in back.
    const restored = await call('preset_delete', { name: 'High Contrast' });
    check('deleting a user copy of a built-in brings the built-in back', restored.ok === true && restored.builtin_back === true, JSON.stringify(restored));

    // Create stage: a scene with the three overlays placed as the preset's stage says.
    const stage = await call('preset_create_stage', { name: 'Conference Dark' });
    check('preset_create_stage makes a scene', stage.ok === true && stage.scene === 'Stage: Conference Dark', JSON.stringify(stage));
    const scenes = (await obs.call('GetSceneList')).scenes.map((sc) => sc.sceneName);
    check('OBS lists the new scene', scenes.includes('Stage: Conference Dark'), scenes.join(', '));
    const items = (await obs.call('GetSceneItemList', { sceneName: 'Stage: Conference Dark' })).sceneItems;
    check('it holds the three overlays', ['Code (Conference Dark)', 'Slides (Conference Dark)', 'Question (Conference Dark)'].every((n) => items.some((i) => i.sourceName === n)), JSON.stringify(items.map((i) => i.sourceName)));
    const bar = items.find((i) => i.sourceName === 'Slides (Conference Dark)');
    const placed = bar && (await obs.call('GetSceneItemTransform', { sceneName: 'Stage: Conference Dark', sceneItemId: bar.sceneItemId })).sceneItemTransform;
    check('the slide bar sits where the preset says', placed && placed.positionX === 60 && placed.positionY === 996 && placed.sourceHeight === 64, JSON.stringify(placed));
    const again = await call('preset_create_stage', { name: 'Conference Dark' });
    check('a second stage of the same name is refused with the reason', again.ok === false && /exists already/.test(again.error), again.error);
    await obs.call('RemoveScene', { sceneName: 'Stage: Conference Dark' });
    for (const item of items) await obs.call('RemoveInput', { inputName: item.sourceName }).catch(() => {});
} catch (err) {
    check(`preset requests ran to the end: ${err.message}`, false);
} finally {
    for (const name of overlays)
        await obs.call('SetInputSettings', { inputName: name, inputSettings: original[name], overlay: false });
    await obs.disconnect();
}
process.exit(failed());
