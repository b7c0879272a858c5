// Drives a real OBS for a soak or a whole-show measurement: every `--sample` seconds it records
// OBS's own statistics (GetStats) and the process's memory (PSS from /proc, the memory OBS
// really adds), for `--minutes`. With --drive 1 (Stagehand loaded) it also animates all three
// overlays as a presenter would (a code step every 2 s, the talk timer running, a question
// featured and replaced every 5 s) under a chat flood of --rate messages a minute from a Twitch
// server on 127.0.0.1. Prints one JSON line per sample and a summary line.
//
//   node soak.mjs --port N --pid PID --minutes 10 [--sample 10] [--drive 1] [--rate 10000]
import { readFileSync, readdirSync } from 'node:fs';
import { connect, parseArgs, sleep, vendor } from './check-lib.mjs';
import { privmsg, startFakeTwitch } from './fake-twitch.mjs';

const args = parseArgs(process.argv.slice(2));
const minutes = Number(args.minutes ?? 10);
const sampleSeconds = Number(args.sample ?? 10);
const drive = args.drive === '1';
const rate = Number(args.rate ?? 10000);

function memoryKiB(pid) {
    // Proportional set size: shared pages counted by share, so libraries do not hide or inflate.
    try {
        const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
        return Number(/^Pss:\s+(\d+)/m.exec(rollup)[1]);
    } catch {
        return NaN;
    }
}

// Where the memory is, by mapping: PSS in KiB for each file mapped (a library, a font, Mesa's
// shader cache) by its name, and for the heap and anonymous memory (malloc's arenas, the
// software GPU's textures and compiled shaders). Compared between the runs with and without
// Stagehand, it says which part of the memory it adds is its code, its data or the GPU's.
function memoryByMapping(pid) {
    const kib = {};
    let name = null;
    try {
        for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
            const header = /^[0-9a-f]+-[0-9a-f]+ (\S+) \S+ \S+ \d+\s*(.*)$/.exec(line);
            if (header) {
                const path = header[2].trim();
                // Executable anonymous memory is code made at run time: llvmpipe's shaders.
                name = path === '' ? (header[1].includes('x') ? '(anonymous, executable)' : '(anonymous)')
                    : path.startsWith('[') ? path : path.replace(/^.*\//, '').replace(/ \(deleted\)$/, '');
                continue;
            }
            const pss = /^Pss:\s+(\d+)/.exec(line);
            if (pss && name !== null)
                kib[name] = (kib[name] ?? 0) + Number(pss[1]);
        }
    } catch {
        return {};
    }
    return kib;
}

function cpuTicks(pid) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
}

// Every thread's name and CPU ticks. Names group the table at the end: llvmpipe-0 and -1 are
// one software GPU, Stagehand's threads are all "stagehand-...".
function threadTicks(pid) {
    const threads = new Map();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
        try {
            const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
            const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            threads.set(tid, { name, ticks: Number(fields[11]) + Number(fields[12]) });
        } catch {} // the thread ended meanwhile
    }
    return threads;
}

// CPU ticks of the process's threads outside Mesa's software GPU (its "llvmpipe-N" threads):
// what OBS and the plugins cost beside the shading a real GPU would do.
function cpuTicksOutsideGpu(threads) {
    let total = 0;
    for (const { name, ticks } of threads.values())
        if (!name.startsWith('llvmpipe'))
            total += ticks;
    return total;
}

const groupOf = (name) => name.startsWith('llvmpipe') ? 'llvmpipe (software GPU)' : name.startsWith('stagehand-') ? name : name.replace(/\d+$/, '#');

const obs = await connect(Number(args.port));
const timers = [];
let fake = null;
if (drive) {
    fake = await startFakeTwitch();
    await vendor(obs, 'chat_connect', { platform: 'twitch', channel: 'talk', server: `irc://127.0.0.1:${fake.port}` });
    await vendor(obs, 'questions_settings', { detect: 'question_mark' });
    await vendor(obs, 'timer_start', { _: 0 });
    let n = 0;
    // The flood: a quarter questions, the rest chatter and votes, in bursts every 100 ms.
    timers.push(setInterval(() => {
        for (let i = 0; i < rate / 600; i++, n++) {
            const text = n % 4 === 0 ? `question ${n} about closures and ${n * 7919}?` : n % 4 === 1 ? '+1' : `nice demo ${n}`;
            fake.send(privmsg({ id: `f${n}`, userId: `${n % 5000}`, login: `viewer${n % 5000}`, name: `Viewer${n % 5000}`, text, replyTo: n % 4 === 1 ? `f${n - 1}` : undefined }));
        }
    }, 100));
    let step = 0;
    timers.push(setInterval(() => {
        vendor(obs, 'code_step', { source: 'TypeScript snippet', step: (step++ % 3) + 1 }).catch(() => {});
    }, 2000));
    let asked = 0;
    timers.push(setInterval(async () => {
        try {
            const added = await vendor(obs, 'question_add', { text: `Soak question ${asked++}?`, label: 'from the room' });
            await vendor(obs, 'question_feature', { id: added.id });
        } catch {}
    }, 5000));
}

const pid = Number(args.pid);
const hz = 100; // USER_HZ on Linux
const samples = [];
const started = Date.now();
let lastTicks = cpuTicks(pid);
// Stagehand's own count of its CPU on OBS's threads (drawing, ticks, the dock, events).
// And the bytes of the textures it holds: video memory on a GPU, the process's own under llvmpipe.
// And how often (and for how long at most) it gave freed memory back.
let textureBytes = null;
let trims = null;
const cost = async () => {
    if (!drive) return null;
    const answer = await vendor(obs, 'get_cost', { _: 0 });
    textureBytes = answer.texture_bytes ?? null;
    trims = { count: answer.memory_trims ?? null, longest_ms: answer.memory_trim_longest_ms ?? null };
    return answer.places;
};
const firstCost = await cost();
const firstThreads = threadTicks(pid);
const lastThreads = new Map(firstThreads);
let lastOutside = cpuTicksOutsideGpu(firstThreads);
let lastAt = Date.now();
while (Date.now() - started < minutes * 60000) {
    await sleep(sampleSeconds * 1000);
    const stats = await obs.call('GetStats');
    const ticks = cpuTicks(pid);
    const threads = threadTicks(pid);
    for (const [tid, t] of threads)
        lastThreads.set(tid, t); // a thread that ended keeps the ticks it was last seen with
    const outside = cpuTicksOutsideGpu(threads);
    const now = Date.now();
    const sample = {
        t: Math.round((now - started) / 1000),
        pss_mib: +(memoryKiB(pid) / 1024).toFixed(1),
        cpu_percent: +((100 * (ticks - lastTicks) / hz) / ((now - lastAt) / 1000)).toFixed(1),
        cpu_outside_gpu_percent: +((100 * Math.max(0, outside - lastOutside) / hz) / ((now - lastAt) / 1000)).toFixed(1),
        render_ms: +stats.averageFrameRenderTime.toFixed(3),
        render_skipped: stats.renderSkippedFrames,
        render_total: stats.renderTotalFrames,
        output_skipped: stats.outputSkippedFrames,
    };
    lastTicks = ticks;
    lastOutside = outside;
    lastAt = now;
    samples.push(sample);
    console.log(JSON.stringify(sample));
}
const lastCost = await cost();
const byMapping = memoryByMapping(pid);
for (const t of timers) clearInterval(t);
if (fake) fake.close();
await obs.disconnect();

// CPU of each thread group over the run, in % of one core.
const runSeconds = (lastAt - started) / 1000;
const groups = {};
for (const [tid, t] of lastThreads) {
    const before = firstThreads.get(tid)?.ticks ?? 0;
    // OBS's UI thread is the process's first; other threads inherit its name "obs" unless they
    // name themselves (obs-websocket's server thread, which sends the events and the answers to
    // this driver's requests), and are not the UI.
    const key = t.name === 'obs' && String(tid) !== String(pid) ? 'obs (not the UI thread)' : groupOf(t.name);
    groups[key] = (groups[key] ?? 0) + (t.ticks - before);
}
const threadCpu = Object.fromEntries(Object.entries(groups)
    .map(([k, ticks]) => [k, +((100 * ticks / hz) / runSeconds).toFixed(2)])
    .sort((a, b) => b[1] - a[1]));
const stagehandThreads = Object.entries(threadCpu).filter(([k]) => k.startsWith('stagehand-')).reduce((a, [, v]) => a + v, 0);
// In % of one core over the run, by place; with the own threads, the plugin's CPU outside the
// software GPU's threads (its draw calls include the driver work they do on the graphics thread).
const onObsThreads = {};
if (firstCost && lastCost)
    for (const place of Object.keys(lastCost))
        onObsThreads[place] = +((lastCost[place].cpu_ms - (firstCost[place]?.cpu_ms ?? 0)) / 10 / runSeconds).toFixed(3);
const onObs = Object.values(onObsThreads).reduce((a, v) => a + v, 0);

// Memory after the first minute (start-up settled) against the end; render time and CPU
// averaged over the run; skipped frames over the run.
const settled = samples.find((s) => s.t >= 60) ?? samples[0];
const last = samples[samples.length - 1];
const mean = (key) => samples.reduce((a, s) => a + s[key], 0) / samples.length;
console.log(JSON.stringify({
    summary: true,
    minutes,
    pss_mib_settled: settled.pss_mib,
    pss_mib_end: last.pss_mib,
    pss_growth_mib: +(last.pss_mib - settled.pss_mib).toFixed(1),
    // Averaged from the first minute on: one sample swings by a MiB or two around each trim.
    pss_mib_mean_after_settled: +(samples.filter((s) => s.t >= settled.t)
        .reduce((a, s, _, all) => a + s.pss_mib / all.length, 0)).toFixed(1),
    // Over the last third of the run: in the flood the question queue reaches its cap of 10,000
    // in the fourth minute, so in a run of six minutes or more this is the steady state.
    pss_mib_mean_last_third: +(samples.filter((s) => s.t >= (last.t * 2) / 3)
        .reduce((a, s, _, all) => a + s.pss_mib / all.length, 0)).toFixed(1),
    memory_trims: trims?.count ?? null,
    memory_trim_longest_ms: trims?.longest_ms ?? null,
    texture_mib_end: textureBytes === null ? null : +(textureBytes / 1048576).toFixed(1),
    cpu_percent_mean: +mean('cpu_percent').toFixed(1),
    cpu_outside_gpu_percent_mean: +mean('cpu_outside_gpu_percent').toFixed(2),
    render_ms_mean: +mean('render_ms').toFixed(3),
    render_skipped: last.render_skipped - samples[0].render_skipped,
    render_frames: last.render_total - samples[0].render_total,
    stagehand_threads_cpu_percent: +stagehandThreads.toFixed(2),
    stagehand_on_obs_threads_cpu_percent: onObsThreads,
    stagehand_cpu_percent: +(stagehandThreads + onObs).toFixed(2),
    thread_cpu_percent: threadCpu,
    pss_kib_by_mapping: byMapping,
}));
