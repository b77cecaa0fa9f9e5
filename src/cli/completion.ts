// shell completion scripts generated from the command tree: at each depth the shell offers the subcommands of
// the command typed so far, or its long options after a "-"; anything else falls back to file names.
import type { CommandNode } from "./command-tree.js";

export const SHELLS = ["bash", "zsh"] as const;
export type Shell = (typeof SHELLS)[number];

/** Quotes a word for a POSIX shell (single quotes; a quote inside becomes '\''). */
function quote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** A `case` over command paths, printing each node's words separated by spaces. */
function caseOver(nodes: readonly CommandNode[], words: (n: CommandNode) => string[]): string {
  return nodes.map((n) => `    ${quote(n.path)}) printf '%s\\n' ${quote(words(n).join(" "))} ;;`).join("\n");
}

function bash(nodes: readonly CommandNode[]): string {
  return `# bash completion for jikimi; load it with: source <(jikimi completion bash)
_jikimi_subcommands() {
  case "$1" in
${caseOver(nodes, (n) => n.subcommands.map((s) => s.name))}
  esac
}
_jikimi_options() {
  case "$1" in
${caseOver(nodes, (n) => n.longOptions)}
  esac
}
_jikimi_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" word i subs
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    subs=" $(_jikimi_subcommands "$path") "
    if [[ "$word" != -* && "$subs" == *" $word "* ]]; then path="\${path:+$path }$word"; fi
  done
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_jikimi_options "$path")" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(_jikimi_subcommands "$path")" -- "$cur"))
  fi
}
complete -o default -F _jikimi_complete jikimi
`;
}

function zsh(nodes: readonly CommandNode[]): string {
  // _describe takes "name:description"; a colon in the name would need escaping, and names have none
  const described = nodes
    .map(
      (n) =>
        `    ${quote(n.path)}) reply=(${n.subcommands.map((s) => quote(`${s.name}:${s.description}`)).join(" ")}) ;;`,
    )
    .join("\n");
  return `#compdef jikimi
# zsh completion for jikimi; load it with: source <(jikimi completion zsh)
# or install it: jikimi completion zsh > "\${fpath[1]}/_jikimi"
_jikimi_subcommands() {
  reply=()
  case "$1" in
${described}
  esac
}
_jikimi_options() {
  case "$1" in
${caseOver(nodes, (n) => n.longOptions)}
  esac
}
_jikimi() {
  local path_="" word i
  local -a reply names
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    _jikimi_subcommands "$path_"
    names=("\${reply[@]%%:*}")
    if [[ "$word" != -* && \${names[(Ie)$word]} -gt 0 ]]; then path_="\${path_:+$path_ }$word"; fi
  done
  if [[ "$PREFIX" == -* ]]; then
    compadd -- \${=$(_jikimi_options "$path_")}
    return
  fi
  _jikimi_subcommands "$path_"
  if (( \${#reply} )); then
    _describe -t commands 'jikimi command' reply
  else
    _files
  fi
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  _jikimi "$@"
else
  compdef _jikimi jikimi
fi
`;
}

/**
 * The completion script for `shell`, from the nodes of `commandTree(program)`.
 * @example process.stdout.write(completionScript("bash", commandTree(program)));
 */
export function completionScript(shell: Shell, nodes: readonly CommandNode[]): string {
  return shell === "bash" ? bash(nodes) : zsh(nodes);
}
