// The live question flow on a real OBS, fed by a fake Twitch server on 127.0.0.1:
//   node questions-check.mjs --port N --out DIR live     chat in, moderate, feature, withdraw
//   node questions-check.mjs --port N --out DIR verify   after OBS was killed and restarted
//   node questions-check.mjs --port N --out DIR demo     the demo: demo chat in, one featured
// Prints "ok - ..." / "FAIL - ..." lines; exits with the number of failures.
import { readFileSync, writeFileSync } from 'node:fs';
import { check, connectToStagehand, failed, parseArgs, sleep, waitFor } from './check-lib.mjs';
import { privmsg, startFakeTwitch } from './fake-twitch.mjs';

const args = parseArgs(process.argv.slice(2));
const mode = args.rest[0];
const { obs, events, call } = await connectToStagehand(args.port);
const list = async () => (await call('questions_list')).questions || [];
const byText = async (text) => (await list()).find((q) => q.text === text);
async function screenshot(file) {
    const { imageData } = await obs.call('GetSourceScreenshot', { sourceName: 'Live question', imageFormat: 'png' });
    const png = Buffer.from(imageData.slice(imageData.indexOf(',') + 1), 'base64');
    if (file) writeFileSync(file, png);
    return png;
}
const saved = `${args.out}/questions-before-kill.json`;

try {
    if (mode === 'live') {
        const fake = await startFakeTwitch();
        const connected = await call('chat_connect', { platform: 'twitch', channel: 'talk', server: `irc://127.0.0.1:${fake.port}` });
        check('chat_connect to Twitch answers ok', connected.ok === true, JSON.stringify(connected));
        check('the plugin joined the channel', await waitFor(() => fake.joined(), 10000));
        check('chat_status says connected', await waitFor(async () => ((await call('chat_status')).connections || []).some((c) => c.platform === 'twitch' && c.state === 'connected')));
        const empty = await screenshot(`${args.out}/question-none.png`);

        fake.send(privmsg({ id: 'q-1', userId: '11', login: 'ann', name: 'Ann', text: 'How does it scale to 10k files?' }));
        fake.send(privmsg({ id: 'q-2', userId: '12', login: 'bob', name: 'Bob', text: 'Is there a recording?' }));
        fake.send(privmsg({ id: 'x-1', userId: '13', login: 'cy', name: 'Cy', text: 'hello everyone' }));
        fake.send(privmsg({ id: 'v-1', userId: '13', login: 'cy', name: 'Cy', text: '+1', replyTo: 'q-2' }));
        check('chat questions reach the queue as pending, the greeting does not',
            await waitFor(async () => {
                const all = await list();
                const q1 = all.find((q) => q.text === 'How does it scale to 10k files?');
                const q2 = all.find((q) => q.text === 'Is there a recording?');
                return q1 && q2 && q1.state === 'pending' && q2.votes === 1 && !all.some((q) => q.text === 'hello everyone');
            }));
        const q1 = await byText('How does it scale to 10k files?');
        const q2 = await byText('Is there a recording?');
        fake.send(privmsg({ id: 'v-2', userId: '14', login: 'dee', name: 'Dee', text: `!up ${q2.id}` }));
        check('!up N votes', await waitFor(async () => (await byText('Is there a recording?')).votes === 2));

        // Nothing unapproved reaches the screen: not by request, not by hotkey.
        const refused = await call('question_feature', { id: q1.id });
        check('featuring a pending question is refused', refused.ok === false && /only approved/.test(refused.error), refused.error);
        const { hotkeys } = await obs.call('GetHotkeyList');
        check('the question hotkeys are registered', hotkeys.includes('stagehand.questions.feature_next'),
            hotkeys.filter((h) => h.startsWith('stagehand')).join(','));
        await obs.call('TriggerHotkeyByName', { hotkeyName: 'stagehand.questions.feature_next' });
        await sleep(500);
        check('the feature-next hotkey puts nothing unapproved on screen', (await call('questions_list')).featured == null);
        check('the question source still shows nothing', (await screenshot()).equals(empty));

        check('question_approve', (await call('question_approve', { id: q1.id })).ok === true);
        const featured = await call('question_feature', { id: q1.id });
        check('question_feature', featured.ok === true && featured.featured === q1.id, JSON.stringify(featured));
        check('question_featured event received', await waitFor(() => events.some((e) => e.eventType === 'question_featured' && e.eventData.id === q1.id)));
        check('the featured question is drawn', await waitFor(async () => !(await screenshot()).equals(empty)));
        await sleep(700); // past its entrance
        await screenshot(`${args.out}/question-featured.png`);

        // The moderator deletes it in chat: gone from the screen at once, withdrawn in the queue.
        fake.send(`@login=ann;target-msg-id=q-1;tmi-sent-ts=${Date.now()} :tmi.twitch.tv CLEARMSG #talk :How does it scale to 10k files?`);
        const t0 = Date.now();
        const gone = await waitFor(async () => (await screenshot()).equals(empty), 3000);
        check(`a deleted message leaves the screen (${Date.now() - t0} ms, no fade-out)`, gone);
        await screenshot(`${args.out}/question-after-delete.png`);
        check('it is withdrawn in the queue', (await byText('How does it scale to 10k files?')).state === 'withdrawn');

        // A full queue to survive a SIGKILL: states, votes and a pin.
        await call('question_approve', { id: q2.id });
        await call('question_pin', { id: q2.id, pinned: true });
        const typed = await call('question_add', { text: 'What about accessibility?', label: 'from the room' });
        await call('question_feature', { id: typed.id });
        await sleep(500); // the queue is written within moments of a change
        writeFileSync(saved, JSON.stringify(await list()));
        await call('chat_disconnect', { platform: 'twitch' });
        fake.close();
    } else if (mode === 'verify') {
        const before = JSON.parse(readFileSync(saved, 'utf8'));
        const after = await list();
        const key = (q) => `${q.id}|${q.text}|${q.state}|${q.votes}|${q.pinned}|${q.author}`;
        check(`every question, vote and state is back after SIGKILL (${after.length} questions)`,
            before.length > 0 && JSON.stringify(before.map(key)) === JSON.stringify(after.map(key)),
            `${before.map(key).join(', ')} / ${after.map(key).join(', ')}`);
        const state = await call('questions_list');
        const featured = before.find((q) => q.state === 'featured');
        check('the featured question is featured again', featured && state.featured === featured.id);
    } else if (mode === 'demo') {
        check('the demo chat connects', (await call('chat_connect', { platform: 'demo' })).ok === true);
        check('questions arrive from the demo chat', await waitFor(async () => (await list()).length >= 3, 15000));
        // As a presenter would: approve the most voted question and feature it.
        const pick = (await list()).find((q) => q.state === 'pending');
        await call('question_approve', { id: pick.id });
        check(`question ${pick.id} featured`, (await call('question_feature', { id: pick.id })).ok === true);
        await sleep(1200); // past its entrance
    } else {
        throw new Error(`unknown mode "${mode}" (expected live, verify or demo)`);
    }
} catch (err) {
    check(`questions check ran to the end: ${err.message}`, false);
} finally {
    await obs.disconnect();
}
console.log(`questions-check: ${failed()} failed`);
process.exit(failed());
