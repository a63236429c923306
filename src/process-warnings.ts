// docker-modem (under dockerode) parses engine addresses with the legacy url.parse(), which Node
// flags with DeprecationWarning DEP0169/DEP0170 lines on stderr: a library's detail the user can do
// nothing about, printed before our own message. Only those two codes are dropped; every other
// warning still reaches stderr.
const SILENCED = new Set(['DEP0169', 'DEP0170']);

let installed = false;

export function silenceLibraryWarnings(proc: NodeJS.Process = process): void {
  if (installed) return;
  installed = true;
  const emit = proc.emitWarning.bind(proc) as (...args: unknown[]) => void;
  proc.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
    // emitWarning(warning, type, code) or emitWarning(warning, { type, code })
    const code = rest[0] !== null && typeof rest[0] === 'object' ? (rest[0] as { code?: unknown }).code : rest[1];
    if (typeof code === 'string' && SILENCED.has(code)) return;
    emit(warning, ...rest);
  }) as NodeJS.Process['emitWarning'];
}
