// `x` on a Podman engine runs the matching CLI: `podman exec -it` in remote mode against the same
// service (CONTAINER_HOST = the engine's address), rather than assuming the docker CLI is
// installed. Without podman on PATH the docker CLI is used: it speaks Podman's compat API too.
import type { ExecShellOptions } from '../../commands/docker/exec.js';
import type { EngineCommands } from '../../commands/engine-commands.js';

/** `testing` passes exec's own test hooks (a fake spawn, no tty). */
export function withPodmanExec(commands: EngineCommands, engineUrl: string, env: NodeJS.ProcessEnv = process.env, testing: Pick<ExecShellOptions, 'run' | 'tty'> = {}): EngineCommands {
  return {
    ...commands,
    async exec(target, ui, opts) {
      const { execShell, findOnPath } = await import('../../commands/docker/exec.js');
      if (opts?.disabled || !findOnPath('podman', env)) return commands.exec(target, ui, opts);
      return execShell('podman', target.engineId ?? target.id, ui, { ...testing, env: { ...env, CONTAINER_HOST: engineUrl } });
    },
  };
}
