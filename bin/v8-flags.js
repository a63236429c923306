// V8 settings for every ctop-ts process, set before any of our code loads (bin/ctop-ts.js imports
// this first). The benches that run our code in-process import it too, so they measure what the
// binary runs.
import { setFlagsFromString } from 'node:v8';

// V8 doubles the young generation under allocation pressure (each frame of the live screen
// allocates a few MB of short-lived strings), up to 16 MB × 3, and keeps it: ~30 MB of RSS for
// nothing. Pinned at its initial size, scavenges stay cheap (what they copy is the little that
// survives) and RSS stays under 100 MB with 200 containers (bench/ui-render.js: no measurable
// CPU change). Read when the heap grows, so setting it here, before any work, takes effect.
setFlagsFromString('--semi-space-growth-factor=1');

// V8's memory reducer for small heaps runs full collections ~8 s after start and again whenever
// allocation slows, to hand memory back from an idle heap. A monitor's heap is small and in steady
// use: each round cost ~25 ms of CPU (a fifteenth of a 40 s watch of 30 containers) to free a few
// hundred KB. Read when the reducer would start, so it is set here, before any work.
setFlagsFromString('--no-memory-reducer-for-small-heaps');

// V8 hands a function to its optimizing compiler once it has run ~132 KB of bytecode. With 100
// containers a tick runs each per-container function 100 times, so in the first minute ~45
// functions were compiled, ~0.2 s of CPU on V8's threads: a quarter of all a 60 s watch cost.
// Eight times the budget leaves that to the functions hot enough to repay it, and a 60 s watch
// of 100 containers costs 0.75 → 0.64 s of CPU (bench/README.md). Read per function as it tiers
// up, so set here, before our code loads, it applies to all of it.
setFlagsFromString('--interrupt-budget=1048576');
