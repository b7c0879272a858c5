// Reads `perf script -F comm,tid,ip,sym,dso` of OBS's graphics thread (recorded with DWARF call
// graphs during bench/soak.sh) and says how much of the time spent in Stagehand's callbacks
// was Mesa's: samples with a Stagehand frame, and of those the ones where a frame of the
// driver (swrast/llvmpipe, gallium, LLVM) lies between the sample and Stagehand's code. Under
// llvmpipe a draw call runs the software GPU's vertex and binning work on the calling thread.
//
//   node perf-split.mjs graphics.perf.txt  ->  {"samples": .., "stagehand": .., "in_mesa": .., "mesa_share": ..}
import { readFileSync } from "node:fs";

const text = readFileSync(process.argv[2], "utf8");
const mesa = /(swrast|_dri\.so|gallium|libLLVM)/;
let samples = 0;
let stagehand = 0;
let inMesa = 0;
for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split("\n").filter((l) => /^\s/.test(l) && l.trim());
    if (lines.length === 0) continue;
    samples++;
    // Frames from the sample outwards: "ip symbol (dso)".
    const dsos = lines.map((l) => (l.match(/\(([^()]*)\)\s*$/) || [, ""])[1]);
    const ours = dsos.findIndex((d) => d.endsWith("stagehand.so"));
    if (ours < 0) continue;
    stagehand++;
    if (dsos.slice(0, ours).some((d) => mesa.test(d))) inMesa++;
}
console.log(JSON.stringify({ samples, stagehand, in_mesa: inMesa, mesa_share: stagehand ? +(inMesa / stagehand).toFixed(3) : null }));
