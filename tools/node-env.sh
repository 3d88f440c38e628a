# Sourced (not run) by tools/test.sh, tools/run-local.sh and .ci/run, from the repository root:
# makes sure `node` on PATH is Node 24 or newer. When the machine's node is older (or missing),
# it fetches the official Node binary that the npm registry ships as node-linux-<arch>, checks it
# against the digest pinned below, keeps it in .cache/node/ (git-ignored, so the next run is
# instant) and puts it first on PATH for the rest of the calling script.
# By hand: `source tools/node-env.sh` in a shell at the repository root.

NODE_MIN_MAJOR=24
NODE_PINNED=24.21.0
# sha512 of the registry tarballs node-linux-<arch>-$NODE_PINNED.tgz (the npm `integrity`, in hex).
declare -A NODE_SHA512=(
  [x64]=de750bb336795f47dc898a46d2de93add029273027f3e16520d3fa3a2317ed5f07aefa404cf37ddfa5352e545e389ae22d16b87bcc84a900580a72f23cd02ced
  [arm64]=1692513c4cf63afbd32df8c83a5346158f492cf30a825e66f9de2819804b836e242759a6bcdd5997f1cf2601781c3689e752127afd65d5c459fc333e91e5d6e6
)

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Downloads node-linux-<arch>@$NODE_PINNED into $1 (a fresh directory) and prints the tarball path.
fetch_node_tarball() {
  local arch=$1 into=$2 name="node-linux-$1-$NODE_PINNED.tgz"
  if command -v npm >/dev/null 2>&1 && npm --version >/dev/null 2>&1; then
    # npm honours the user's registry, proxy and CA settings.
    npm pack --silent --pack-destination "$into" "node-linux-$arch@$NODE_PINNED" >/dev/null
  else
    # No working npm (no node at all, or one too old for npm): fetch the same tarball directly.
    local registry=${npm_config_registry:-https://registry.npmjs.org}
    curl -fsSL --retry 3 -o "$into/$name" "${registry%/}/node-linux-$arch/-/$name"
  fi
  echo "$into/$name"
}

use_node_24() {
  local have
  have=$(node_major)
  if ((have >= NODE_MIN_MAJOR)); then return 0; fi

  local arch
  case $(uname -m) in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *)
      echo "error: no pinned Node $NODE_PINNED for $(uname -m); install Node $NODE_MIN_MAJOR+ yourself." >&2
      return 1
      ;;
  esac
  local dir="$PWD/.cache/node/$NODE_PINNED-linux-$arch"
  if [[ ! -x $dir/bin/node ]]; then
    echo "==> Node $have is older than $NODE_MIN_MAJOR: fetching node-linux-$arch@$NODE_PINNED from the npm registry" >&2
    mkdir -p .cache/node
    local tmp tarball
    tmp=$(mktemp -d "$PWD/.cache/node/tmp.XXXXXX")
    tarball=$(fetch_node_tarball "$arch" "$tmp") || {
      rm -rf "$tmp"
      echo "error: could not download node-linux-$arch@$NODE_PINNED" >&2
      return 1
    }
    if [[ $(sha512sum "$tarball" | cut -d' ' -f1) != "${NODE_SHA512[$arch]}" ]]; then
      rm -rf "$tmp"
      echo "error: node-linux-$arch@$NODE_PINNED does not match its pinned sha512" >&2
      return 1
    fi
    # Only the binary and its licence: the headers are for native add-on builds.
    tar -xzf "$tarball" -C "$tmp" package/bin/node package/LICENSE
    # Renaming is atomic, so a concurrent run sees either nothing or a complete binary.
    mv -T "$tmp/package" "$dir" 2>/dev/null || true
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  hash -r
}

use_node_24
