/**
 * Names of a descriptor the process already has: `/dev/stdin`, `/dev/stdout`,
 * `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`. Opening one again is not
 * using the descriptor: reading `/dev/stdin < file` again on macOS finds the
 * shell's offset at the end, and opening `/dev/stdout >> log` truncates the
 * log, or, followed to the file and renamed over, replaces it.
 */
const DESCRIPTOR_NAME = /^\/(?:dev\/(?:(stdin)|(stdout)|(stderr)|fd\/(\d+))|proc\/self\/fd\/(\d+))$/u

/** The descriptor `file` names, if it names one of the process's own. */
export function descriptorNamed(file: string): number | undefined {
  const match = DESCRIPTOR_NAME.exec(file)
  if (!match) return undefined
  if (match[1]) return 0
  if (match[2]) return 1
  if (match[3]) return 2
  return Number(match[4] ?? match[5])
}
