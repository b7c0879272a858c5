// Drives Stagehand's obs-websocket vendor requests the way Companion or a script would, against
// a running OBS, and checks each answer, the state it leaves, a source's pixels and the events.
// Prints one "ok - ..." or "FAIL - ..." line per check; exits with the number of failures.
//
//   node vendor-check.mjs --port N --out DIR --file FOLLOWED_FILE --clipboard TEXT
import { writeFileSync } from 'node:fs';
import { check, connectToStagehand, failed, parseArgs, sleep, waitFor } from './check-lib.mjs';

const args = parseArgs(process.argv.slice(2));
const { obs, events, call } = await connectToStagehand(args.port);
async function settings(inputName) {
    return (await obs.call('GetInputSettings', { inputName })).inputSettings;
}
async function screenshot(sourceName, file) {
    const { imageData } = await obs.call('GetSourceScreenshot', { sourceName, imageFormat: 'png' });
    const png = Buffer.from(imageData.slice(imageData.indexOf(',') + 1), 'base64');
    writeFileSync(file, png);
    return png;
}
const ts = 'TypeScript snippet';
const cs = 'C# snippet';

try {
    // Sent with no requestData at all, as obs-websocket 5.1 wants for "no parameters".
    const version = await call('get_version');
    check('get_version answers without requestData', version.ok === true && /^\d+\.\d+\.\d+/.test(version.version) && version.api === 1, JSON.stringify(version));

    const listed = await call('get_requests');
    const names = (listed.requests || []).map((r) => r.name);
    const expected = ['get_version', 'get_requests', 'get_state', 'code_show', 'code_show_clipboard', 'code_follow', 'code_step', 'code_focus'];
    check('get_requests lists every request', listed.ok === true && expected.every((n) => names.includes(n)), names.join(','));
    check('get_requests gives each request its parameters and a description',
        (listed.requests || []).every((r) => r.description && Array.isArray(r.params ?? [])));

    // A snippet with its own steps, as code_show takes them: whatever text the source had
    // before (the clipboard hotkey may have put some there), new text starts with these.
    const snippet = 'const a = 1;\nconst b = 2;\nconst c = a + b;\nconsole.log(c);\nexport { a };\nexport { b };\n';
    const withSteps = await call('code_show', { source: ts, text: snippet, language: 'typescript', steps: '2-6 | 3 | 4-5', step: 1 });
    check('code_show gives new text its own steps', withSteps.ok === true, JSON.stringify(withSteps));
    const cleared = await call('code_show', { source: cs, text: 'var x = 1;\n' });
    const csNow = ((await call('get_state')).code || []).find((c) => c.name === cs);
    check('code_show of new text without steps clears the old ones', cleared.ok === true && csNow && csNow.steps === 0, JSON.stringify(csNow));

    let state = await call('get_state');
    const tsState = (state.code || []).find((c) => c.name === ts);
    check('get_state lists the code sources with their steps', state.ok === true && tsState && tsState.steps === 3 && tsState.step === 1, JSON.stringify(tsState));

    // Every answer and event below comes from a real change in OBS.
    events.length = 0;
    const tsBefore = await screenshot(ts, `${args.out}/vendor-ts-step1.png`);
    const tsSettings = JSON.stringify(await settings(ts));
    const stepped = await call('code_step', { source: ts, step: 3 });
    check('code_step goes to a step', stepped.ok === true && stepped.step === 3 && stepped.steps === 3, JSON.stringify(stepped));
    // The step is the control layer's live state, published for the source: it redraws, and
    // nothing is written into its settings (nor the scene collection).
    check('the source redraws at the new step', await waitFor(async () => !(await screenshot(ts, `${args.out}/vendor-ts-step3.png`)).equals(tsBefore), 5000));
    check('a step writes nothing into the source\'s settings', JSON.stringify(await settings(ts)) === tsSettings);
    state = await call('get_state');
    check('get_state shows the new step', state.code.find((c) => c.name === ts).step === 3);
    await waitFor(() => events.some((e) => e.eventType === 'code_step_changed'));
    const stepEvent = events.find((e) => e.eventType === 'code_step_changed');
    check('code_step_changed event received', stepEvent && stepEvent.eventData.source === ts && stepEvent.eventData.step === 3 && stepEvent.eventData.steps === 3, JSON.stringify(stepEvent));
    const changed = events.find((e) => e.eventType === 'state_changed');
    check('state_changed event received with a revision', changed && changed.eventData.area === 'code' && changed.eventData.revision > 0, JSON.stringify(changed));

    const past = await call('code_step', { source: ts, step: 7 });
    check('a step past the end is refused with the reason', past.ok === false && past.error === 'step 7 is past the last step (3)', JSON.stringify(past));
    const notCode = await call('code_show', { source: 'Slide progress', text: 'x' });
    check('a source that is not a code snippet is named in the error', notCode.ok === false && /not a code snippet/.test(notCode.error), notCode.error);
    // obs-websocket itself answers a request type the vendor never registered.
    const unknown = await call('no_such_request', { _: 0 }).then(() => null, (err) => err.message);
    check('an unknown request is refused by obs-websocket', /No request was found/.test(unknown || ''), unknown);

    // Pixels: the C# card before and after code_show.
    const before = await screenshot(cs, `${args.out}/vendor-cs-before.png`);
    const shown = await call('code_show', { source: cs, text: 'def featured():\n    return "shown by a vendor request"\n' .repeat(6), language: 'python' });
    check('code_show answers ok', shown.ok === true, JSON.stringify(shown));
    const csSettings = await settings(cs);
    check('code_show changed the text and language', csSettings.text.startsWith('def featured()') && csSettings.language === 'python');
    const redrawn = await waitFor(async () => !(await screenshot(cs, `${args.out}/vendor-cs-after.png`)).equals(before), 5000);
    check('the source\'s pixels changed after code_show', redrawn);
    await sleep(1000); // past the transition: the picture a viewer sees
    const settled = await screenshot(cs, `${args.out}/vendor-cs-after.png`);
    check('the settled picture differs from the one before', !settled.equals(before));

    const focusOf = async () => ((await call('get_state')).code || []).find((c) => c.name === cs).focus;
    const unfocused = await screenshot(cs, `${args.out}/vendor-cs-unfocused.png`);
    const focused = await call('code_focus', { source: cs, lines: '2-3' });
    check('code_focus sets the focus', focused.ok === true && (await focusOf()) === '2-3', JSON.stringify(focused));
    check('the source redraws with the focus', await waitFor(async () => !(await screenshot(cs, `${args.out}/vendor-cs-focused.png`)).equals(unfocused), 5000));
    const badFocus = await call('code_focus', { source: cs, lines: '3-x' });
    check('code_focus refuses a bad range', badFocus.ok === false && (await focusOf()) === '2-3', badFocus.error);

    const followed = await call('code_follow', { source: cs, file: args.file });
    check('code_follow follows a file', followed.ok === true && (await settings(cs)).file === args.file, JSON.stringify(followed));
    const missing = await call('code_follow', { source: cs, file: '/nonexistent/stagehand.py' });
    check('code_follow refuses a missing file', missing.ok === false && /does not exist/.test(missing.error));

    const pasted = await call('code_show_clipboard', { source: cs });
    const afterPaste = await settings(cs);
    check('code_show_clipboard shows the clipboard', pasted.ok === true && afterPaste.text === args.clipboard && afterPaste.file === '', JSON.stringify(pasted));

    // The same step through a hotkey (as a Stream Deck key bound in OBS): the global hotkeys act
    // on the source chosen in the dock, so give that one three steps and start at the first.
    state = await call('get_state');
    const chosen = state.chosen_code_source;
    check('the dock has chosen a code source', !!chosen, JSON.stringify(state.chosen_code_source));
    // (The current step is the control layer's, not a setting: code_step sets it.)
    await obs.call('SetInputSettings', { inputName: chosen, inputSettings: { steps: '1 | 2 | 3' } });
    await waitFor(async () => ((await call('get_state')).code.find((c) => c.name === chosen) || {}).steps === 3);
    check('code_step back to the first step', (await call('code_step', { source: chosen, step: 1 })).ok === true);
    await obs.call('TriggerHotkeyByName', { hotkeyName: 'stagehand.dock.next_step' });
    const hotkeyed = await waitFor(async () => ((await call('get_state')).code.find((c) => c.name === chosen) || {}).step === 2);
    check(`the next-step hotkey moves the dock's source (${chosen}) like code_step`, hotkeyed);
} catch (err) {
    check(`vendor requests ran to the end: ${err.message}`, false);
} finally {
    await obs.disconnect();
}
console.log(`vendor-check: ${failed()} failed`);
process.exit(failed());
