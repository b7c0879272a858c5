// What the smoke test's check scripts share: their arguments, their "ok - / FAIL -" lines, the
// connection to OBS and the stagehand vendor requests.
import OBSWebSocket, { EventSubscription } from 'obs-websocket-js';

// --name value pairs into an object; other words into `rest`.
export function parseArgs(argv) {
    const args = { rest: [] };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i].startsWith('--')) args[argv[i].slice(2)] = argv[++i];
        else args.rest.push(argv[i]);
    }
    return args;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let failures = 0;
export function check(what, ok, detail = '') {
    console.log(`${ok ? 'ok  ' : 'FAIL'} - ${what}${detail ? ` (${detail})` : ''}`);
    if (!ok) failures++;
}
export const failed = () => failures;

export async function waitFor(predicate, ms = 5000) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
        if (await predicate()) return true;
        await sleep(100);
    }
    return false;
}

// obs-websocket accepts connections before OBS has loaded its scene collection and answers
// requests with NotReady (207) until then: waits, until `deadline`, for a request to go through.
export async function waitUntilReady(obs, deadline) {
    for (;;) {
        try {
            await obs.call('GetSceneList');
            return;
        } catch (err) {
            if (err.code !== 207 || Date.now() > deadline) throw err;
            await sleep(250);
        }
    }
}

// Connects to the OBS on 127.0.0.1:port, retrying while it starts, and waits until it is ready.
export async function connect(port, identification = {}) {
    const obs = new OBSWebSocket();
    for (const deadline = Date.now() + 30000; ;) {
        try {
            await obs.connect(`ws://127.0.0.1:${port}`, undefined, identification);
            await waitUntilReady(obs, deadline);
            return obs;
        } catch (err) {
            if (Date.now() > deadline) throw err;
            await obs.disconnect().catch(() => {});
            await sleep(250);
        }
    }
}

// A stagehand vendor request, with or without requestData; returns the vendor's answer.
export async function vendor(obs, requestType, requestData) {
    const request = { vendorName: 'stagehand', requestType };
    if (requestData !== undefined) request.requestData = requestData;
    return (await obs.call('CallVendorRequest', request)).responseData;
}

// Connects subscribed to vendor events: `events` collects every stagehand event as it comes,
// `call` sends a stagehand request.
export async function connectToStagehand(port) {
    const obs = await connect(port, {
        eventSubscriptions: EventSubscription.General | EventSubscription.Vendors,
    });
    const events = [];
    obs.on('VendorEvent', (e) => {
        if (e.vendorName === 'stagehand') events.push(e);
    });
    const call = (requestType, requestData) => vendor(obs, requestType, requestData);
    return { obs, events, call };
}
