// A small obs-websocket client, the way external tools (Stream Deck, Companion, scripts) drive
// OBS. Used by the demo and the smoke test; connects to 127.0.0.1 only.
//
//   node obs-ws.mjs --port N inputs                      print [{name, kind}] as JSON
//   node obs-ws.mjs --port N screenshot NAME FILE.png    save one source as OBS renders it
//   node obs-ws.mjs --port N program FILE.png            save the program output
//   node obs-ws.mjs --port N set NAME JSON               merge JSON into an input's settings
//   node obs-ws.mjs --port N get NAME                    print an input's settings as JSON
//   node obs-ws.mjs --port N hotkey NAME                 press a hotkey by its name
//   node obs-ws.mjs --port N vendor REQUEST [JSON]       a Stagehand vendor request; prints its answer
//   node obs-ws.mjs --port N step NAME STEP MID.png END.png
//                                  go to a code step, save a frame mid-transition and one after
import { writeFileSync } from 'node:fs';
import OBSWebSocket from 'obs-websocket-js';
import { waitUntilReady } from './check-lib.mjs';

function parseArgs(argv) {
    const args = { port: 4455, rest: [] };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--port') args.port = Number(argv[++i]);
        else args.rest.push(argv[i]);
    }
    return args;
}

async function connectWithRetry(url, seconds) {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
        const obs = new OBSWebSocket();
        try {
            await obs.connect(url);
            await waitUntilReady(obs, deadline);
            return obs;
        } catch (err) {
            if (Date.now() > deadline) throw new Error(`could not connect to ${url}: ${err.message}`);
            await obs.disconnect().catch(() => {});
            await new Promise((r) => setTimeout(r, 250));
        }
    }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function saveScreenshot(obs, sourceName, file) {
    const { imageData } = await obs.call('GetSourceScreenshot', { sourceName, imageFormat: 'png' });
    const base64 = imageData.slice(imageData.indexOf(',') + 1);
    writeFileSync(file, Buffer.from(base64, 'base64'));
}

const { port, rest } = parseArgs(process.argv.slice(2));
const [command, ...params] = rest;
const obs = await connectWithRetry(`ws://127.0.0.1:${port}`, 20);
try {
    if (command === 'inputs') {
        const { inputs } = await obs.call('GetInputList');
        console.log(JSON.stringify(inputs.map((i) => ({ name: i.inputName, kind: i.inputKind }))));
    } else if (command === 'screenshot') {
        await saveScreenshot(obs, params[0], params[1]);
    } else if (command === 'program') {
        const { currentProgramSceneName } = await obs.call('GetCurrentProgramScene');
        await saveScreenshot(obs, currentProgramSceneName, params[0]);
    } else if (command === 'set') {
        await obs.call('SetInputSettings', { inputName: params[0], inputSettings: JSON.parse(params[1]) });
    } else if (command === 'get') {
        const { inputSettings } = await obs.call('GetInputSettings', { inputName: params[0] });
        console.log(JSON.stringify(inputSettings));
    } else if (command === 'vendor') {
        const request = { vendorName: 'stagehand', requestType: params[0] };
        if (params[1]) request.requestData = JSON.parse(params[1]);
        const { responseData } = await obs.call('CallVendorRequest', request);
        console.log(JSON.stringify(responseData));
    } else if (command === 'hotkey') {
        await obs.call('TriggerHotkeyByName', { hotkeyName: params[0] });
    } else if (command === 'step') {
        const [inputName, step, midFile, endFile] = params;
        await obs.call('SetInputSettings', { inputName, inputSettings: { step: Number(step) } });
        await sleep(150);
        await saveScreenshot(obs, inputName, midFile);
        await sleep(1000);
        await saveScreenshot(obs, inputName, endFile);
    } else {
        throw new Error(`unknown command "${command}" (expected inputs, screenshot, program, set, get, vendor, hotkey or step)`);
    }
} finally {
    await obs.disconnect();
}
