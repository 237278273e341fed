# Source this file (`. scripts/use-node22.sh`) to run the project on Node.js 22 when the machine's
# own Node is older. Electron 45 and its packaging tools need Node >= 22.12 (package.json engines).
#
# Where the machine's node is already >= 22.12 it does nothing. Otherwise it takes Node 22 from the
# npm registry — the official binary published as the npm package node-<platform>-<arch> — into
# ${PRECINCT_NODE_CACHE:-$HOME/.cache/precinct-desk}/node-<version>, once, and puts its bin/ first on
# PATH for this shell. npm stays the machine's own npm (it runs on whichever node is first on PATH).
# No other download: the registry is the only place it reaches, as for every other package.

__pd_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}

if __pd_node_ok; then
  :
else
  __pd_os="$(uname -s)"; __pd_arch="$(uname -m)"
  case "$__pd_os" in
    Linux) __pd_os=linux ;;
    Darwin) __pd_os=darwin ;;
    *) echo "use-node22: no Node 22 package for $__pd_os; install Node >= 22.12 yourself" >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  case "$__pd_arch" in
    x86_64|amd64) __pd_arch=x64 ;;
    aarch64|arm64) __pd_arch=arm64 ;;
    *) echo "use-node22: no Node 22 package for $__pd_arch; install Node >= 22.12 yourself" >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  # The exact version CI runs (linux-x64 is published for it); other platforms take the newest 22.
  if [ "$__pd_os-$__pd_arch" = linux-x64 ]; then __pd_ver="${PRECINCT_NODE_VERSION:-22.23.5}"; else __pd_ver="${PRECINCT_NODE_VERSION:-^22.12.0}"; fi
  __pd_pkg="node-$__pd_os-$__pd_arch"
  __pd_root="${PRECINCT_NODE_CACHE:-${HOME:-/tmp}/.cache/precinct-desk}"
  __pd_dir="$__pd_root/$__pd_pkg-$(printf %s "$__pd_ver" | tr -c 'A-Za-z0-9.\n' _)"
  if [ ! -x "$__pd_dir/bin/node" ]; then
    echo "use-node22: fetching $__pd_pkg@$__pd_ver from the npm registry into $__pd_dir" >&2
    __pd_tmp="$(mktemp -d)"
    if (cd "$__pd_tmp" && npm pack --silent "$__pd_pkg@$__pd_ver" >/dev/null && tar xzf ./*.tgz) &&
       [ -x "$__pd_tmp/package/bin/node" ]; then
      mkdir -p "$__pd_root" && rm -rf "$__pd_dir" && mv "$__pd_tmp/package" "$__pd_dir"
    else
      echo "use-node22: could not fetch $__pd_pkg@$__pd_ver" >&2
    fi
    rm -rf "$__pd_tmp"
  fi
  if [ -x "$__pd_dir/bin/node" ]; then
    PATH="$__pd_dir/bin:$PATH"; export PATH
    # Native addons (none today) would be built against this Node's own headers.
    npm_config_nodedir="$__pd_dir"; export npm_config_nodedir
  fi
  unset __pd_os __pd_arch __pd_ver __pd_pkg __pd_root __pd_dir __pd_tmp
fi
unset -f __pd_node_ok
