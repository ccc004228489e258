#!/bin/bash
# Builds the stand-in images dnet-test's docker backend needs, into the engine that
# $DOCKER_HOST (default: the local daemon) names. No registry is needed: each image is
# a rootfs of Debian's busybox-static plus one symlink per applet, imported with
# `docker import -c …`. busybox, nginx, mysql:5.7 and ubuntu:14.04 are built exactly as
# the oracle's build_images.sh built them (same Cmd/Entrypoint/Expose/Env), so the real
# engine agrees with FACTS.md; the simulator's other catalog images come from its
# catalog (catalog-images.mjs); dnet-probe is a spare busybox. Idempotent: images already present are kept
# (--force rebuilds them).
#
# usage: build-images.sh [--force] [--save FILE]
#   --save FILE   afterwards `docker save` every stand-in image into FILE (a cache the
#                 docker backend loads into its private engine)
set -euo pipefail

DOCKER=${DNET_DOCKER:-/usr/bin/docker}   # never the `docker` first on PATH (another client version)
FORCE=0
SAVE=
while [ $# -gt 0 ]; do
  case $1 in
    --force) FORCE=1 ;;
    --save) SAVE=$2; shift ;;
    *) echo "build-images.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

BB=
for candidate in /bin/busybox /usr/bin/busybox; do
  if [ -x "$candidate" ] && "$candidate" --list >/dev/null 2>&1; then BB=$candidate; break; fi
done
if [ -z "$BB" ]; then
  echo "build-images.sh: busybox not found (apt-get install busybox-static)" >&2
  exit 1
fi
# Images have no libc: a dynamically linked busybox would not start in them.
if command -v ldd >/dev/null && ldd "$BB" >/dev/null 2>&1; then
  echo "build-images.sh: $BB is dynamically linked; the images need busybox-static" >&2
  exit 1
fi

PATH_ENV='ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

WORK=$(mktemp -d /tmp/dnet-images.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

have() { [ "$FORCE" = 0 ] && "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

mkroot() {  # mkroot DIR : minimal rootfs with busybox and all applet symlinks
  local r=$1
  mkdir -p "$r"/bin "$r"/etc "$r"/tmp "$r"/root "$r"/proc "$r"/sys "$r"/dev "$r"/var/log
  cp "$BB" "$r"/bin/busybox
  for a in $("$BB" --list); do
    [ "$a" = busybox ] && continue
    ln -sf busybox "$r"/bin/"$a"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' > "$r"/etc/passwd
  echo 'root:x:0:' > "$r"/etc/group
  chmod 1777 "$r"/tmp
}

import() {  # import DIR NAME -c … : tar the rootfs into `docker import`
  local dir=$1 name=$2; shift 2
  tar -C "$dir" -c . | "$DOCKER" import "$@" - "$name" >/dev/null
  echo "built $name"
}

# A listener standing in for a server: accepts on PORT and echoes (like the mysql stand-in).
listener() {  # listener DIR PORT LABEL
  local dir=$1 port=$2 label=$3
  mkdir -p "$dir"/usr/local/bin
  cat > "$dir"/usr/local/bin/docker-entrypoint.sh <<EOS
#!/bin/sh
echo "\$(date -u +%Y-%m-%dT%H:%M:%S)+00:00 $label: ready to accept connections on port $port (stand-in: busybox nc)"
exec nc -ll -p $port -e /bin/cat
EOS
  chmod 755 "$dir"/usr/local/bin/docker-entrypoint.sh
}

if ! have busybox:latest; then
  mkroot "$WORK/busybox"
  import "$WORK/busybox" busybox:latest -c "$PATH_ENV" -c 'CMD ["sh"]'
fi

if ! have nginx:latest; then
  mkroot "$WORK/nginx"
  mkdir -p "$WORK/nginx/usr/share/nginx/html"
  printf '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n' > "$WORK/nginx/usr/share/nginx/html/index.html"
  import "$WORK/nginx" nginx:latest -c 'EXPOSE 80' -c "$PATH_ENV" -c 'WORKDIR /usr/share/nginx/html' \
    -c 'CMD ["httpd","-f","-p","80","-h","/usr/share/nginx/html"]'
fi

if ! have mysql:5.7; then
  mkroot "$WORK/mysql"
  mkdir -p "$WORK/mysql/usr/local/bin"
  cat > "$WORK/mysql/usr/local/bin/docker-entrypoint.sh" <<'EOS'
#!/bin/sh
if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "$MYSQL_ALLOW_EMPTY_PASSWORD" ] && [ -z "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
  echo "$(date -u +%Y-%m-%dT%H:%M:%S)+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified" >&2
  echo "    You need to specify one of the following:" >&2
  echo "    - MYSQL_ROOT_PASSWORD" >&2
  echo "    - MYSQL_ALLOW_EMPTY_PASSWORD" >&2
  echo "    - MYSQL_RANDOM_ROOT_PASSWORD" >&2
  exit 1
fi
echo "$(date -u +%Y-%m-%dT%H:%M:%S)+00:00 [Note] mysqld: ready for connections. port: 3306 (stand-in: busybox nc)"
exec nc -ll -p 3306 -e /bin/cat
EOS
  chmod 755 "$WORK/mysql/usr/local/bin/docker-entrypoint.sh"
  ln -s usr/local/bin/docker-entrypoint.sh "$WORK/mysql/entrypoint.sh"
  import "$WORK/mysql" mysql:5.7 -c 'EXPOSE 3306 33060' -c "$PATH_ENV" \
    -c 'ENTRYPOINT ["docker-entrypoint.sh"]' -c 'CMD ["mysqld"]'
fi

if ! have ubuntu:14.04; then
  mkroot "$WORK/ubuntu"
  rm -f "$WORK/ubuntu/bin/bash"
  printf '#!/bin/sh\nexec /bin/sh "$@"\n' > "$WORK/ubuntu/bin/bash"
  chmod 755 "$WORK/ubuntu/bin/bash"
  import "$WORK/ubuntu" ubuntu:14.04 -c "$PATH_ENV" -c 'CMD ["/bin/bash"]'
fi

# The simulator's other catalog images (alpine, redis, postgres, httpd, …), built from
# the same data it uses (src/engine/images/catalog.json) by catalog-images.mjs.
if command -v node >/dev/null && [ -f "$HERE/../../src/engine/images/catalog.json" ]; then
  node "$HERE/catalog-images.mjs" "$DOCKER" "$BB" $([ "$FORCE" = 1 ] && echo --force)
fi

# The probe image: busybox that idles, for probes that must run inside a namespace when
# the host cannot enter it (the backend prefers nsenter; see docs/docker-backend.md).
if ! have dnet-probe:latest; then
  mkroot "$WORK/probe"
  import "$WORK/probe" dnet-probe:latest -c "$PATH_ENV" -c 'CMD ["sleep","2147483647"]'
fi

if [ -n "$SAVE" ]; then
  ALL_IMAGES=(busybox:latest nginx:latest mysql:5.7 ubuntu:14.04 dnet-probe:latest)
  if command -v node >/dev/null && [ -f "$HERE/../../src/engine/images/catalog.json" ]; then
    ALL_IMAGES+=($(node -e 'const c = require(process.argv[1]); for (const [n, i] of Object.entries(c.images)) if (!i.standIn) console.log(n)' "$HERE/../../src/engine/images/catalog.json"))
  fi
  mkdir -p "$(dirname "$SAVE")"
  "$DOCKER" save -o "$SAVE.tmp" "${ALL_IMAGES[@]}"
  mv "$SAVE.tmp" "$SAVE"
  echo "saved ${#ALL_IMAGES[@]} images to $SAVE"
fi
